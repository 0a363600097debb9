package no.carerelay.testkit;

import java.sql.DriverManager;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same infrastructure from Testcontainers, used when a Docker engine is present. */
final class ContainerInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private ContainerInfrastructure() {
    }

    static final class ContainerKafka implements KafkaBroker {

        // Testcontainers already sets replication factors 1, min ISR 1, one offsets partition and no rebalance
        // delay; the partition count is set to what the embedded broker uses so both behave alike.
        private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(EmbeddedKafka.PARTITIONS_PER_TOPIC))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1");

        ContainerKafka() {
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        void stop() {
            container.stop();
        }
    }

    static final class ContainerPostgres implements PostgresServer {

        private final PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                        "-c", "max_connections=300");
        private final DatabaseCreator databases;

        ContainerPostgres() {
            container.start();
            // the image's user is a superuser, so it may create the services' databases
            databases = new DatabaseCreator(
                    () -> DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
        }

        @Override
        public String jdbcUrl(String database) {
            databases.ensure(database);
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
        }

        @Override
        public String username() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        void stop() {
            container.stop();
        }
    }
}
