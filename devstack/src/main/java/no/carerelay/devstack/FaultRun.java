package no.carerelay.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;

/**
 * The fault-injection run: the whole platform as separate processes (Kafka, PostgreSQL, the four services) on
 * ports of its own, hospitals sending discharge-ready notices at a steady rate, municipalities receiving the
 * handover webhooks, and faults at evenly spaced moments: kill -9 and restart of every service, SIGSTOP/SIGCONT
 * pauses longer than the consumer session timeout, the webhook receiver down, a Kafka kill -9 and restart, a
 * PostgreSQL restart. Afterwards a checker compares what was acknowledged with what every sink holds.
 * Pass: nothing acknowledged is lost, no side effect happens twice, nothing arrives that was never sent.
 * {@code ./devstack/faults} runs the long version; {@code FaultInjectionIT} a short one in the default build.
 */
public final class FaultRun {

    /** What one run does. */
    record Plan(int brokers, int events, double ratePerSecond, List<String> faults, Duration pause, Duration receiverDown, Duration quietTimeout) {

        static Plan quick() {
            return new Plan(1, 1500, 30, List.of("kill patient-service", "pause trajectory-service", "kill collaboration-service",
                    "receiver down", "kill notification-service", "kill kafka", "kill trajectory-service"),
                    Duration.ofSeconds(9), Duration.ofSeconds(10), Duration.ofSeconds(180));
        }

        /** Three brokers (replication 3, min.insync.replicas 2): a broker restart and the partition leader killed. */
        static Plan full(int events) {
            return new Plan(3, events, 40, List.of("kill patient-service", "pause collaboration-service", "kill trajectory-service",
                    "receiver down", "kill leader", "kill collaboration-service", "restart postgres", "kill notification-service", "kill kafka",
                    "pause notification-service", "kill patient-service", "pause trajectory-service", "kill leader", "kill notification-service",
                    "receiver down", "kill kafka"), Duration.ofSeconds(15), Duration.ofSeconds(90), Duration.ofSeconds(600));
        }
    }

    /** The verdict. */
    record Result(long ok, long info, long fail, long infoArrived, int faults, long lost, long duplicated, long unexpected,
            Map<String, Long> duplicatesBySink, long webhookPosts, long distinctWebhooks, double seconds) {

        boolean passed() {
            return lost == 0 && duplicated == 0 && unexpected == 0;
        }

        @Override
        public String toString() {
            return """
                    requests: %d ok (acknowledged), %d info (no answer), %d fail (refused); %d of the info ones arrived anyway
                    faults: %d
                    lost: %d   duplicated: %d %s   unexpected: %d
                    webhook POSTs: %d for %d distinct webhook-ids (a POST again with the same id is a retry, not a duplicate)
                    %s in %.0f s""".formatted(ok, info, fail, infoArrived, faults, lost, duplicated, duplicatesBySink, unexpected, webhookPosts,
                    distinctWebhooks, passed() ? "PASSED" : "FAILED", seconds);
        }
    }

    private static final List<String> MUNICIPALITIES = List.of("0301", "4601", "5001", "1103");
    private static final String JVM_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            // a paused consumer must lose its partitions within the pause, so that the pause tests a rebalance
            + " -Dspring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=6000"
            + " -Dspring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms=2000";

    private final Path root;
    private final Path state;
    private final Plan plan;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Not among {@link #services}: the faults hit the platform, not the developer's token issuer. */
    private TokenIssuerProcess tokens;
    private ServiceProcess tokenIssuer;
    private ChildProcesses children;
    private final List<KafkaBroker> brokers = new ArrayList<>();
    private String bootstrap;
    private final java.util.Random random = new java.util.Random();
    private Postgres postgres;
    private Path postgresData;
    private int postgresPort;
    private FaultReceiver receiver;

    FaultRun(Path root, Path state, Plan plan) {
        this.root = root;
        this.state = state;
        this.plan = plan;
    }

    public static void main(String[] args) throws Exception {
        int events = 20_000;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else {
                System.err.println("usage: ./devstack/faults [--events=20000]");
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("devstack.root", "")).toAbsolutePath().normalize();
        Path state = root.resolve(".devstack/faults/run-" + System.currentTimeMillis());
        Result result = new FaultRun(root, state, Plan.full(events)).run();
        Console.raw(result + "\n");
        System.exit(result.passed() ? 0 : 1);
    }

    Result run() throws Exception {
        long began = System.nanoTime();
        Files.createDirectories(state.resolve("logs"));
        children = new ChildProcesses(root, state.resolve("run"));
        children.startWatchdog();
        try {
            start();
            FaultLoad load = new FaultLoad(services.get("patient-service").url(), mllpPort, MUNICIPALITIES, tokens);
            int faults = drive(load);
            awaitQuiet(load);
            return check(load, faults, (System.nanoTime() - began) / 1e9);
        } finally {
            stopAll();
        }
    }

    private int mllpPort;

    private void start() throws Exception {
        Path logs = state.resolve("logs");
        if (plan.brokers() == 1) {
            brokers.add(new KafkaBroker(java, root.resolve("devstack/target/kafka-lib"), root.resolve("devstack/target/lib"), state.resolve("kafka"),
                    logs.resolve("kafka.log"), Ports.free(), Ports.free()));
        } else {
            int[] ports = new int[plan.brokers()];
            int[] controllers = new int[plan.brokers()];
            List<String> voters = new ArrayList<>();
            for (int i = 0; i < plan.brokers(); i++) {
                ports[i] = Ports.free();
                controllers[i] = Ports.free();
                voters.add((i + 1) + "@127.0.0.1:" + controllers[i]);
            }
            String clusterId = KafkaBroker.newClusterId();
            for (int i = 0; i < plan.brokers(); i++) {
                brokers.add(new KafkaBroker(java, root.resolve("devstack/target/kafka-lib"), root.resolve("devstack/target/lib"),
                        state.resolve("kafka-" + (i + 1)), logs.resolve("kafka-" + (i + 1) + ".log"), ports[i], controllers[i],
                        new KafkaBroker.Cluster(i + 1, String.join(",", voters), plan.brokers(), clusterId)));
            }
        }
        for (KafkaBroker broker : brokers) {
            broker.start(children);
        }
        bootstrap = String.join(",", brokers.stream().map(KafkaBroker::bootstrap).toList());
        postgresData = state.resolve("postgres");
        postgresPort = Ports.free();
        postgres = Postgres.start(postgresData, postgresPort, logs.resolve("postgres.log"));
        children.track("postgres", postgres.pid(), "INT", 2);
        postgres.ensureDatabases(ServiceProcess.NAMES.stream().map(ServiceProcess.Spec::database).toList());
        for (KafkaBroker broker : brokers) {
            broker.awaitReady(Duration.ofSeconds(120));
        }
        Map<String, String> secrets = new HashMap<>();
        MUNICIPALITIES.forEach(municipality -> secrets.put(municipality, WebhookSignature.newSecret()));
        receiver = new FaultReceiver(Ports.free(), secrets);
        mllpPort = Ports.free();
        String encryptionKey = DevSecrets.randomBase64(32);
        String lookupKey = DevSecrets.randomBase64(32);
        tokens = new TokenIssuerProcess(Ports.free(), DevSecrets.randomBase64(24), http);
        tokenIssuer = tokens.process(root, "0.1.0-SNAPSHOT", logs.resolve(TokenIssuerProcess.NAME + ".log"));
        tokenIssuer.start(java, List.of(JVM_OPTIONS.split(" ")), children);
        for (String name : ServiceProcess.NAMES) {
            Map<String, String> environment = new HashMap<>();
            int port = Ports.free();
            environment.put("PORT", Integer.toString(port));
            environment.put("DATABASE_URL", postgres.jdbcUrl(ServiceProcess.Spec.database(name)));
            environment.put("DATABASE_USERNAME", Postgres.USER);
            environment.put("DATABASE_PASSWORD", Postgres.PASSWORD);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            environment.put("PATIENT_ENCRYPTION_KEY", encryptionKey);
            environment.put("PATIENT_LOOKUP_KEY", lookupKey);
            environment.put("PATIENT_ACCEPT_SYNTHETIC_IDS", "true");
            environment.put("CARERELAY_PATIENT_MLLP_PORT", Integer.toString(mllpPort));
            environment.put("NOTIFICATION_ALLOW_INSECURE_URLS", "true");
            environment.put("CARERELAY_NOTIFICATION_ALLOW_INSECURE_URLS", "true");
            environment.putAll(tokens.serviceEnvironment());
            ServiceProcess service = new ServiceProcess(name, port, root.resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar"),
                    logs.resolve(name + ".log"), environment);
            service.start(java, List.of(JVM_OPTIONS.split(" ")), children);
            services.put(name, service);
        }
        awaitReady(tokenIssuer);
        for (ServiceProcess service : services.values()) {
            awaitReady(service);
        }
        for (String municipality : MUNICIPALITIES) {
            String body = """
                    {"municipality":"%s","url":"%s","eventTypes":["%s"],"secret":"%s"}"""
                    .formatted(municipality, receiver.url(municipality), EventTypes.HANDOVER_OPENED.name(), secrets.get(municipality));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(services.get("notification-service").url()
                    + "/api/v1/webhook-subscriptions")).header("Content-Type", "application/json")
                    .header("Authorization", tokens.bearer("operator")) // FaultRun's municipalities are not all demo clients
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("subscribing " + municipality + ": " + created.statusCode() + " " + created.body());
            }
        }
        Console.line("faults", "platform up: Kafka %s, PostgreSQL %d, patient-service %s, MLLP %d", bootstrap, postgresPort,
                services.get("patient-service").url(), mllpPort);
    }

    private void awaitReady(ServiceProcess service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!service.probeReady(http)) {
            if (System.nanoTime() > deadline) {
                throw new StartupFailure(service.name() + " not ready within 150 s", service.log());
            }
            Thread.sleep(200);
        }
    }

    /** Sends the plan's events at its rate while a second thread injects the faults at evenly spaced moments. */
    private int drive(FaultLoad load) throws InterruptedException {
        long begin = System.nanoTime();
        double nanosPerEvent = 1e9 / plan.ratePerSecond();
        AtomicLong slot = new AtomicLong();
        int senders = 8;
        CountDownLatch done = new CountDownLatch(senders);
        for (int i = 0; i < senders; i++) {
            Thread sender = new Thread(() -> {
                try {
                    long n;
                    while ((n = slot.getAndIncrement()) < plan.events()) {
                        LockSupport.parkNanos(begin + (long) (n * nanosPerEvent) - System.nanoTime());
                        load.onePatient();
                    }
                } finally {
                    done.countDown();
                }
            }, "fault-hospital-" + i);
            sender.setDaemon(true);
            sender.start();
        }
        double loadSeconds = plan.events() / plan.ratePerSecond();
        int injected = 0;
        for (int i = 0; i < plan.faults().size(); i++) {
            long at = begin + (long) ((i + 1) * loadSeconds / (plan.faults().size() + 1) * 1e9);
            LockSupport.parkNanos(at - System.nanoTime());
            inject(plan.faults().get(i));
            injected++;
        }
        done.await();
        Console.line("faults", "load done: %d patients in %.0f s, %d faults", load.requests().size(), (System.nanoTime() - begin) / 1e9, injected);
        return injected;
    }

    private void inject(String planned) {
        String fault = planned;
        long began = System.nanoTime();
        try {
            String[] words = fault.split(" ");
            switch (words[0]) {
                case "kill" -> {
                    if (words[1].equals("kafka") || words[1].equals("leader")) {
                        KafkaBroker broker = words[1].equals("kafka") ? brokers.get(random.nextInt(brokers.size())) : leaderOfEncounters();
                        broker.process().destroyForcibly(); // SIGKILL
                        broker.process().waitFor(10, TimeUnit.SECONDS);
                        if (brokers.size() > 1) {
                            Thread.sleep(5000); // the others carry on without it (min.insync.replicas 2 of 3)
                        }
                        broker.start(children);
                        broker.awaitReady(Duration.ofSeconds(120));
                        fault = fault + " (" + broker.name() + ")";
                    } else {
                        ServiceProcess service = services.get(words[1]);
                        service.process().destroyForcibly(); // SIGKILL
                        service.process().waitFor(10, TimeUnit.SECONDS);
                        service.start(java, List.of(JVM_OPTIONS.split(" ")), children);
                        awaitReady(service);
                    }
                }
                case "pause" -> {
                    ServiceProcess service = services.get(words[1]);
                    signal(service.process().pid(), "STOP");
                    Thread.sleep(plan.pause().toMillis());
                    signal(service.process().pid(), "CONT");
                }
                case "receiver" -> {
                    receiver.down();
                    Thread.sleep(plan.receiverDown().toMillis());
                    receiver.up();
                }
                case "restart" -> {
                    postgres.close(); // fast shutdown: connections are cut, in-flight transactions roll back
                    postgres = Postgres.start(postgresData, postgresPort, state.resolve("logs/postgres.log"));
                    children.track("postgres", postgres.pid(), "INT", 2);
                }
                default -> throw new IllegalArgumentException("unknown fault " + fault);
            }
            Console.line("faults", "%s (%.1f s)", fault, (System.nanoTime() - began) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException("fault '" + planned + "' could not be carried out: " + e, e);
        }
    }

    /** The broker leading partition 0 of patient.encounters.v1, where every notice is first written. */
    private KafkaBroker leaderOfEncounters() throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(properties)) {
            int leader = admin.describeTopics(List.of(Topics.PATIENT_ENCOUNTERS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.PATIENT_ENCOUNTERS).partitions().get(0).leader().id();
            return brokers.stream().filter(broker -> broker.nodeId() == leader).findFirst().orElseThrow();
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    /** Until every acknowledged notice has its webhook and nothing arrived for 20 s, or the plan's timeout. */
    private void awaitQuiet(FaultLoad load) throws Exception {
        long deadline = System.nanoTime() + plan.quietTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            Map<String, String> pseudonyms = pseudonymsByVisit(load.runId());
            long waiting = load.requests().values().stream().filter(request -> request.outcome() == FaultLoad.Outcome.OK)
                    .filter(request -> !receiver.deliveriesByPseudonym().containsKey(pseudonyms.get(request.visit()))).count();
            if (waiting == 0 && receiver.secondsSinceLastArrival() > 20) {
                return;
            }
        }
        Console.line("faults", "still not quiet after %d s: checking anyway", plan.quietTimeout().toSeconds());
    }

    private Result check(FaultLoad load, int faults, double seconds) throws SQLException {
        Map<String, String> pseudonyms = pseudonymsByVisit(load.runId());
        Map<String, FaultLoad.Outcome> outcomeByPseudonym = new HashMap<>();
        long ok = 0;
        long info = 0;
        long fail = 0;
        long lost = 0;
        long infoArrived = 0;
        Map<String, List<FaultReceiver.Delivery>> deliveries = receiver.deliveriesByPseudonym();
        for (FaultLoad.Request request : load.requests().values()) {
            String pseudonym = pseudonyms.get(request.visit());
            switch (request.outcome()) {
                case OK -> {
                    ok++;
                    if (pseudonym == null || !deliveries.containsKey(pseudonym)) {
                        lost++;
                        Console.line("faults", "LOST: %s %s (pseudonym %s)", request.channel(), request.visit(), pseudonym);
                    }
                }
                case INFO -> {
                    info++;
                    if (pseudonym != null && deliveries.containsKey(pseudonym)) {
                        infoArrived++;
                    }
                }
                case FAIL -> fail++;
            }
            if (pseudonym != null) {
                outcomeByPseudonym.put(pseudonym, request.outcome());
            }
        }
        long unexpected = deliveries.keySet().stream().filter(pseudonym -> {
            FaultLoad.Outcome outcome = outcomeByPseudonym.get(pseudonym);
            return outcome == null || outcome == FaultLoad.Outcome.FAIL;
        }).count();
        Map<String, Long> duplicates = new LinkedHashMap<>();
        duplicates.put("webhooks", deliveries.values().stream().filter(list -> list.size() > 1).count());
        Set<String> ours = new HashSet<>(pseudonyms.values());
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            duplicates.put(Topics.PATIENT_ENCOUNTERS, duplicatedEvents(consumer, Topics.PATIENT_ENCOUNTERS, EventTypes.DISCHARGE_READY_DECLARED.name(), ours));
            duplicates.put(Topics.TRAJECTORY_EVENTS, duplicatedEvents(consumer, Topics.TRAJECTORY_EVENTS, EventTypes.HANDOVER_REQUIRED.name(), ours));
            duplicates.put(Topics.COLLABORATION_HANDOVERS, duplicatedEvents(consumer, Topics.COLLABORATION_HANDOVERS, EventTypes.HANDOVER_OPENED.name(), ours));
        }
        long duplicated = duplicates.values().stream().mapToLong(Long::longValue).sum();
        return new Result(ok, info, fail, infoArrived, faults, lost, duplicated, unexpected, duplicates, receiver.posts(), receiver.distinctWebhooks(),
                seconds);
    }

    /** Patients with more than one event of the type (distinct CloudEvents ids): the same record sent again is fine. */
    private static long duplicatedEvents(KafkaConsumer<String, byte[]> consumer, String topic, String type, Set<String> pseudonyms) {
        Map<String, Set<String>> idsByPseudonym = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(consumer, topic)) {
            var typeHeader = record.headers().lastHeader("ce_type");
            var idHeader = record.headers().lastHeader("ce_id");
            if (typeHeader != null && idHeader != null && type.equals(new String(typeHeader.value(), StandardCharsets.UTF_8))
                    && pseudonyms.contains(record.key())) {
                idsByPseudonym.computeIfAbsent(record.key(), k -> new HashSet<>()).add(new String(idHeader.value(), StandardCharsets.UTF_8));
            }
        }
        return idsByPseudonym.values().stream().filter(ids -> ids.size() > 1).count();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, String> pseudonymsByVisit(String runId) throws SQLException {
        Map<String, String> pseudonyms = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("patient"), Postgres.USER, Postgres.PASSWORD);
                PreparedStatement query = connection.prepareStatement("SELECT visit_number, patient_pseudonym FROM encounter WHERE visit_number LIKE ?")) {
            query.setString(1, runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pseudonyms.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return pseudonyms;
    }

    private void stopAll() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        if (tokenIssuer != null && tokenIssuer.process() != null) {
            all.add(tokenIssuer);
        }
        all.forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : all) {
            try {
                service.stop();
                children.untrack(service.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        try {
            for (KafkaBroker broker : brokers) {
                if (broker.process() != null) {
                    broker.stop();
                    children.untrack(broker.name());
                }
            }
            if (postgres != null) {
                postgres.close();
                children.untrack("postgres");
            }
        } catch (InterruptedException | IOException e) {
            Console.line("faults", "while stopping: %s", e);
        }
        children.closeWatchdog();
    }
}
