package no.carerelay.devstack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker (broker and controller in one JVM) from the Kafka jars in {@code devstack/target/kafka-lib}:
 * {@code kafka.Kafka server.properties}, its storage formatted first with {@code kafka.tools.StorageTool}.
 * Data in {@code .devstack/kafka/data}, kept across runs; log in {@code .devstack/logs/kafka.log}.
 */
final class KafkaBroker {

    static final String BOOTSTRAP = "127.0.0.1:9092";
    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    private static final String STARTED = "Kafka Server started";
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:+ExplicitGCInvokesConcurrent", "-Djava.awt.headless=true");

    private final String java;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    /** null for devstack's single node; otherwise this node's place in a KRaft cluster (fault runs) */
    private final Cluster cluster;
    private final Path home;
    private final Path log;
    private Process process;
    /** Appended to server.properties (later keys win): security settings for tests that need them. */
    private String overrides = "";
    /** Where this start's lines begin in the log: a restart must not take the previous start's line for its own. */
    private long logOffsetAtStart;

    /**
     * @param home     {@code .devstack/kafka}: server.properties, log4j2.properties and data/
     * @param kafkaLib the broker's own jars; the launcher's {@code lib} follows on the classpath for the few jars Maven
     *                 resolved there because the launcher uses them too (see devstack/pom.xml)
     */
    KafkaBroker(String java, Path kafkaLib, Path launcherLib, Path home, Path log) {
        this(java, kafkaLib, launcherLib, home, log, PORT, CONTROLLER_PORT);
    }

    /** On other ports than devstack's, e.g. for a fault run beside a running devstack. */
    KafkaBroker(String java, Path kafkaLib, Path launcherLib, Path home, Path log, int port, int controllerPort) {
        this(java, kafkaLib, launcherLib, home, log, port, controllerPort, null);
    }

    /**
     * One node of a KRaft cluster whose every node is broker and controller: topics replicated to all of them with
     * {@code min.insync.replicas} one less, so one node may die without stopping writes (acks=all).
     *
     * @param nodeId     1..n
     * @param voters     {@code 1@127.0.0.1:port,2@...}: every node's controller listener
     * @param clusterId  the same for every node, from {@link #newClusterId()}
     */
    record Cluster(int nodeId, String voters, int size, String clusterId) {
    }

    KafkaBroker(String java, Path kafkaLib, Path launcherLib, Path home, Path log, int port, int controllerPort, Cluster cluster) {
        this.cluster = cluster;
        this.java = java;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = kafkaLib.resolve("*") + File.pathSeparator + launcherLib.resolve("*");
        this.home = home;
        this.log = log;
    }

    /** Writes the configuration, formats the storage if it is new, and starts the broker (not waiting for it). */
    void start(ChildProcesses children) throws IOException, InterruptedException {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path properties = home.resolve("server.properties");
        Files.writeString(properties, (cluster == null ? serverProperties(data, port, controllerPort)
                : clusterProperties(data, port, controllerPort, cluster)) + overrides);
        Path log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, log4jProperties(log));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(properties, log4j);
        }
        logOffsetAtStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(cluster == null ? JVM_OPTIONS : List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true"));
        command.addAll(List.of("-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath, "kafka.Kafka", properties.toString()));
        process = children.start(name(), command, Map.of(), log, "TERM", 2);
    }

    /** Properties appended to the generated server.properties; e.g. SASL listeners and an authorizer. */
    KafkaBroker withOverrides(String properties) {
        this.overrides = properties.endsWith("\n") ? properties : properties + "\n";
        return this;
    }

    /** Ready once the log says so; fails early if the process dies. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = logOffsetAtStart;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartupFailure("Kafka exited with code " + process.exitValue() + " during start-up", log);
            }
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                if (file.length() > offset) {
                    // re-read a little before the offset: the line may have been half written last time
                    long from = Math.max(logOffsetAtStart, offset - STARTED.length());
                    byte[] chunk = new byte[(int) (file.length() - from)];
                    file.seek(from);
                    file.readFully(chunk);
                    offset = file.length();
                    if (new String(chunk, StandardCharsets.UTF_8).contains(STARTED)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new StartupFailure("Kafka did not start within " + timeout.toSeconds() + " s", log);
    }

    Process process() {
        return process;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            ChildProcesses.stop(process.toHandle(), "TERM", 20);
        }
    }

    private void format(Path properties, Path log4j) throws IOException, InterruptedException {
        Process format = new ProcessBuilder(java, "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", cluster == null ? newClusterId() : cluster.clusterId(), "-c", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new StartupFailure("formatting Kafka's storage took more than 60 s", log);
        }
        if (format.exitValue() != 0) {
            throw new StartupFailure("formatting Kafka's storage failed (exit code " + format.exitValue() + ")", log);
        }
    }

    /** What {@code StorageTool random-uuid} prints: 16 random bytes, URL-safe base64, no padding, not starting with '-'. */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    String name() {
        return cluster == null ? "kafka" : "kafka-" + cluster.nodeId();
    }

    int nodeId() {
        return cluster == null ? 1 : cluster.nodeId();
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return """
                # written by devstack on every start; edit devstack's KafkaBroker.java instead
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                inter.broker.listener.name=PLAINTEXT
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # one broker, nobody else to wait for before the first consumer group rebalance
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data);
    }

    private static String clusterProperties(Path data, int port, int controllerPort, Cluster cluster) {
        int replicas = cluster.size();
        int minInSync = Math.max(1, replicas - 1);
        return """
                # written by devstack's fault run
                process.roles=broker,controller
                node.id=%4$d
                controller.quorum.voters=%5$s
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                inter.broker.listener.name=PLAINTEXT
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                offsets.topic.replication.factor=%6$d
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                group.initial.rebalance.delay.ms=0
                unclean.leader.election.enable=false
                """.formatted(port, controllerPort, data, cluster.nodeId(), cluster.voters(), replicas, minInSync);
    }

    private static String log4jProperties(Path log) {
        return """
                # written by devstack on every start
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.append = true
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                logger.authorizer.name = kafka.authorizer.logger
                logger.authorizer.level = WARN
                """.formatted(log);
    }
}
