package no.carerelay.testkit;

import java.sql.DriverManager;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same infrastructure from Testcontainers, used when a Docker engine is present. */
final class ContainerInfrastructure {

    private ContainerInfrastructure() {
    }

    static final class ContainerKafka implements KafkaBroker {

        private final KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");

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

        private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        private final EmbeddedPostgresServer.DatabaseCreator databases;

        ContainerPostgres() {
            container.start();
            databases = new EmbeddedPostgresServer.DatabaseCreator(
                    () -> DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
        }

        @Override
        public String jdbcUrl(String database) {
            databases.ensure(database);
            return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
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
