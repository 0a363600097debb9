package no.carerelay.testkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started on first use and stopped when the
 * JVM exits. Chosen by {@code carerelay.testkit.infrastructure} (system property) or
 * {@code CARERELAY_TESTKIT_INFRASTRUCTURE}: {@code embedded} (in-JVM KRaft broker, PostgreSQL 17 child process),
 * {@code testcontainers}, or {@code auto} (the default: Testcontainers when a Docker engine answers).
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static volatile KafkaBroker kafka;
    private static volatile PostgresServer postgres;
    private static volatile Boolean containers;
    private static volatile KafkaTestClient kafkaClient;

    private TestInfrastructure() {
    }

    public static KafkaBroker kafka() {
        if (kafka == null) {
            synchronized (TestInfrastructure.class) {
                if (kafka == null) {
                    long start = System.nanoTime();
                    if (useContainers()) {
                        var broker = new ContainerInfrastructure.ContainerKafka();
                        onExit(broker::stop);
                        kafka = broker;
                    } else {
                        // not stopped on exit: the broker lives in this JVM and its test kit cleans its own directories
                        kafka = new EmbeddedKafka();
                    }
                    log.info("Kafka broker ready at {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return kafka;
    }

    /** A client of {@link #kafka()} shared by the tests of this JVM. */
    public static KafkaTestClient kafkaClient() {
        if (kafkaClient == null) {
            synchronized (TestInfrastructure.class) {
                if (kafkaClient == null) {
                    KafkaTestClient client = new KafkaTestClient(kafka().bootstrapServers());
                    onExit(client::close);
                    kafkaClient = client;
                }
            }
        }
        return kafkaClient;
    }

    public static PostgresServer postgres() {
        if (postgres == null) {
            synchronized (TestInfrastructure.class) {
                if (postgres == null) {
                    long start = System.nanoTime();
                    if (useContainers()) {
                        var server = new ContainerInfrastructure.ContainerPostgres();
                        onExit(server::stop);
                        postgres = server;
                    } else {
                        var server = new EmbeddedPostgresServer();
                        onExit(server::stop);
                        postgres = server;
                    }
                    log.info("PostgreSQL ready in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return postgres;
    }

    /**
     * The Spring Boot properties that point a service at this infrastructure with its own database; for
     * {@code @DynamicPropertySource} or as command-line arguments.
     */
    public static Map<String, Object> springProperties(String database) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres().jdbcUrl(database));
        properties.put("spring.datasource.username", postgres().username());
        properties.put("spring.datasource.password", postgres().password());
        properties.put("spring.kafka.bootstrap-servers", kafka().bootstrapServers());
        properties.put("spring.cloud.stream.kafka.binder.brokers", kafka().bootstrapServers());
        return properties;
    }

    private static synchronized boolean useContainers() {
        if (containers == null) {
            String mode = System.getProperty("carerelay.testkit.infrastructure",
                    System.getenv().getOrDefault("CARERELAY_TESTKIT_INFRASTRUCTURE", "auto")).toLowerCase(Locale.ROOT);
            containers = switch (mode) {
                case "embedded" -> false;
                case "testcontainers" -> true;
                case "auto" -> dockerAvailable();
                default -> throw new IllegalArgumentException("carerelay.testkit.infrastructure must be embedded, testcontainers or auto: " + mode);
            };
            log.info("Test infrastructure: {} (mode {})", containers ? "Testcontainers" : "embedded Kafka KRaft broker and PostgreSQL 17", mode);
        }
        return containers;
    }

    private static boolean dockerAvailable() {
        // No socket, no engine: skip the Testcontainers probe, which tries several strategies before giving up.
        boolean socket = new java.io.File("/var/run/docker.sock").exists() || System.getenv("DOCKER_HOST") != null;
        try {
            return socket && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void onExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException e) {
                // the JVM is going away; a broker that does not stop cleanly must not hide the test result
            }
        }, "testkit-shutdown"));
    }
}
