package no.carerelay.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started on first use and shared by every test
 * in that JVM.
 *
 * <p>Where they come from is chosen once per JVM by the system property {@code carerelay.testkit.infrastructure}
 * or the environment variable {@code CARERELAY_TESTKIT_INFRASTRUCTURE}:
 * <ul>
 *   <li>{@code embedded}: a KRaft broker inside this JVM and PostgreSQL 17 as a child process; no Docker needed;</li>
 *   <li>{@code testcontainers}: {@code apache/kafka:4.1.2} and {@code postgres:17-alpine} containers;</li>
 *   <li>{@code auto} (default): Testcontainers when a Docker engine answers, embedded otherwise.</li>
 * </ul>
 * Both flavours are configured alike (3 partitions per auto-created topic, replication factor 1, up to 300
 * database connections) so a test that passes with one passes with the other.
 *
 * <p>Stopping: one JVM shutdown hook ({@link ShutdownSequence}) waits for Spring's shutdown hooks to close the
 * services' contexts, then stops the shared test client, the embedded broker and the embedded PostgreSQL, in that
 * order. Containers are removed by Testcontainers' Ryuk once the JVM is gone (stopped by the hook when Ryuk is
 * disabled).
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final Lazy<KafkaBroker> KAFKA = new Lazy<>("Kafka", TestInfrastructure::startKafka);
    private static final Lazy<PostgresServer> POSTGRES = new Lazy<>("PostgreSQL", TestInfrastructure::startPostgres);
    private static final Lazy<KafkaTestClient> KAFKA_CLIENT = new Lazy<>("Kafka test client", () -> {
        KafkaTestClient client = new KafkaTestClient(kafka().bootstrapServers());
        ShutdownSequence.register(ShutdownSequence.CLIENTS, "the shared Kafka test client", client::close);
        return client;
    });

    private TestInfrastructure() {
    }

    /** The JVM's Kafka broker, started on first call (embedded KRaft broker or container). */
    public static KafkaBroker kafka() {
        return KAFKA.get();
    }

    /** The JVM's PostgreSQL 17 server, started on first call; each caller asks it for its own database. */
    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    /** A {@link KafkaTestClient} on {@link #kafka()} shared by the tests of this JVM (closed when the JVM exits). */
    public static KafkaTestClient kafkaClient() {
        return KAFKA_CLIENT.get();
    }

    /**
     * The token issuer every service under test in this JVM trusts (started on first use, stopped with the JVM):
     * tests call the APIs with {@code tokens().bearer("municipality", "0301")}.
     */
    public static synchronized TokenIssuer tokens() {
        if (tokenIssuer == null) {
            tokenIssuer = TokenIssuer.start();
        }
        return tokenIssuer;
    }

    private static TokenIssuer tokenIssuer;

    /**
     * The Spring Boot properties that point a service at this infrastructure, with {@code database} as its own
     * database: {@code spring.datasource.url/username/password}, {@code spring.kafka.bootstrap-servers} and
     * {@code spring.cloud.stream.kafka.binder.brokers}, and {@code carerelay.security.*} for {@link #tokens()}. For {@code @DynamicPropertySource} or
     * {@code SpringApplicationBuilder.properties(...)} (mind that the latter are <em>default</em> properties, which
     * a service's own {@code application.yml} overrides; pass them as {@code --name=value} arguments to win).
     */
    public static Map<String, Object> springProperties(String database) {
        // The broker and the database start in parallel: measured 2.2-2.3 s instead of 2.7-2.8 s here (two cores).
        CompletableFuture<KafkaBroker> kafka = KAFKA.isStarted()
                ? CompletableFuture.completedFuture(kafka())
                : CompletableFuture.supplyAsync(TestInfrastructure::kafka, task -> daemon(task, "testkit-kafka-start").start());
        PostgresServer postgres = postgres();
        String jdbcUrl = postgres.jdbcUrl(database);
        String bootstrapServers;
        try {
            bootstrapServers = kafka.join().bootstrapServers();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.cloud.stream.kafka.binder.brokers", bootstrapServers);
        properties.putAll(tokens().springProperties());
        return properties;
    }

    private static KafkaBroker startKafka() {
        long start = System.nanoTime();
        KafkaBroker broker;
        if (InfrastructureMode.current().containers()) {
            var container = new ContainerInfrastructure.ContainerKafka();
            stopOnExitIfRyukIsDisabled(ShutdownSequence.KAFKA, "the Kafka container", container::stop);
            broker = container;
        } else {
            var embedded = new EmbeddedKafka();
            ShutdownSequence.register(ShutdownSequence.KAFKA, "the embedded Kafka broker", embedded::stop);
            broker = embedded;
        }
        log.info("Kafka broker ready at {} in {} ms", broker.bootstrapServers(), millisSince(start));
        return broker;
    }

    private static PostgresServer startPostgres() {
        long start = System.nanoTime();
        if (InfrastructureMode.current().containers()) {
            var container = new ContainerInfrastructure.ContainerPostgres();
            stopOnExitIfRyukIsDisabled(ShutdownSequence.POSTGRES, "the PostgreSQL container", container::stop);
            log.info("PostgreSQL (container) ready in {} ms", millisSince(start));
            return container;
        }
        var server = new EmbeddedPostgresServer();
        ShutdownSequence.register(ShutdownSequence.POSTGRES, "the embedded PostgreSQL", server::stop);
        log.info("PostgreSQL (embedded) ready on port {} in {} ms", server.port(), millisSince(start));
        return server;
    }

    private static void stopOnExitIfRyukIsDisabled(int order, String name, Runnable stop) {
        // Ryuk removes the containers once this JVM has gone, which costs the exit nothing; without it we stop them.
        if (Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            ShutdownSequence.register(order, name, stop);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * A value started once on first use. A failure is remembered so that the following test classes fail at once
     * with the original cause instead of each waiting for another failed start.
     */
    private static final class Lazy<T> {

        private final String name;
        private final Supplier<T> starter;
        private volatile T value;
        private RuntimeException failure;

        Lazy(String name, Supplier<T> starter) {
            this.name = name;
            this.starter = starter;
        }

        boolean isStarted() {
            return value != null;
        }

        T get() {
            T current = value;
            if (current != null) {
                return current;
            }
            synchronized (this) {
                if (value == null) {
                    if (failure != null) {
                        throw new IllegalStateException(name + " failed to start earlier in this JVM", failure);
                    }
                    try {
                        value = starter.get();
                    } catch (RuntimeException | Error e) {
                        failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                        throw e;
                    }
                }
                return value;
            }
        }
    }
}
