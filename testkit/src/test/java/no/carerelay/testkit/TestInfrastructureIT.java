package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure is real: records go through a Kafka broker, SQL runs on PostgreSQL 17 in separate databases.
 * Runs against whatever {@link TestInfrastructure} chose (embedded here, containers where Docker is present).
 */
class TestInfrastructureIT {

    @Test
    void shouldCarryRecordsWithHeadersThroughARealBroker() {
        String topic = "testkit.smoke." + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka().bootstrapServers())) {
            kafka.send(topic, "patient-1", Map.of("ce_id", "1", "ce_type", "no.carerelay.test.v1"), "hello".getBytes(StandardCharsets.UTF_8));
            kafka.send(topic, "patient-1", Map.of("ce_id", "2"), "again".getBytes(StandardCharsets.UTF_8));
            kafka.send(topic, "patient-2", Map.of(), "other".getBytes(StandardCharsets.UTF_8));

            List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecords(topic, 3, Duration.ofSeconds(20));
            assertThat(records).hasSize(3);
            List<ConsumerRecord<String, byte[]>> first = kafka.awaitRecordsWithKey(topic, "patient-1", 2, Duration.ofSeconds(5));
            assertThat(first).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("hello", "again");
            assertThat(KafkaTestClient.headers(first.get(0))).containsEntry("ce_id", "1").containsEntry("ce_type", "no.carerelay.test.v1");
            assertThat(kafka.readAll(topic, Duration.ofMillis(200))).hasSize(3);
        }
    }

    @Test
    void shouldAutoCreateTopicsWithThreePartitionsButNeverJustByLookingAtThem() throws Exception {
        KafkaTestClient kafka = TestInfrastructure.kafkaClient();
        String looked = "testkit.looked-at." + UUID.randomUUID();
        assertThat(kafka.readAll(looked, Duration.ofMillis(100))).isEmpty();
        assertThatThrownBy(() -> kafka.awaitRecords(looked, 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not exist");

        String written = "testkit.written." + UUID.randomUUID();
        kafka.send(written, "k", null, new byte[] {1});
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.listTopics().names().get()).contains(written).doesNotContain(looked);
            assertThat(admin.describeTopics(List.of(written)).allTopicNames().get().get(written).partitions()).hasSize(3);
        }
    }

    @Test
    void shouldListWhatItSawWhenRecordsDoNotArrive() {
        String topic = "testkit.short." + UUID.randomUUID();
        KafkaTestClient kafka = TestInfrastructure.kafkaClient();
        kafka.send(topic, "only-key", Map.of("ce_type", "x"), "the only one".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> kafka.awaitRecords(topic, 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("saw 1")
                .hasMessageContaining("key=only-key")
                .hasMessageContaining("the only one");
    }

    @Test
    void shouldGiveEachServiceItsOwnDatabaseOnPostgres17() throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        assertThat(postgres.jdbcUrl("testkit_a")).isEqualTo(postgres.jdbcUrl("testkit_a")); // created once, same URL
        try (Connection a = DriverManager.getConnection(postgres.jdbcUrl("testkit_a"), postgres.username(), postgres.password());
             Connection b = DriverManager.getConnection(postgres.jdbcUrl("testkit_b"), postgres.username(), postgres.password());
             Statement inA = a.createStatement(); Statement inB = b.createStatement()) {
            inA.execute("CREATE TABLE only_in_a (id int primary key)");
            inA.execute("INSERT INTO only_in_a VALUES (1), (2)");
            try (ResultSet version = inA.executeQuery("SHOW server_version_num")) {
                version.next();
                assertThat(version.getInt(1)).isBetween(170000, 179999);
            }
            try (ResultSet databases = inA.executeQuery("SELECT current_database()")) {
                databases.next();
                assertThat(databases.getString(1)).isEqualTo("testkit_a");
            }
            try (ResultSet tables = inB.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
            try (ResultSet rows = inA.executeQuery("SELECT count(*) FROM only_in_a")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void shouldRefuseDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> TestInfrastructure.postgres().jdbcUrl("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHandAServiceEverythingItNeedsAsSpringProperties() throws Exception {
        Map<String, Object> properties = TestInfrastructure.springProperties("testkit_service");
        assertThat(properties).containsOnlyKeys("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "spring.cloud.stream.kafka.binder.brokers", "carerelay.security.issuer",
                "carerelay.security.jwk-set-uri", "carerelay.security.audience");
        assertThat(properties.get("carerelay.security.jwk-set-uri")).isEqualTo(TestInfrastructure.tokens().jwkSetUri());
        assertThat(properties.get("spring.kafka.bootstrap-servers")).isEqualTo(TestInfrastructure.kafka().bootstrapServers())
                .isEqualTo(properties.get("spring.cloud.stream.kafka.binder.brokers"));
        try (Connection connection = DriverManager.getConnection((String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password"));
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT current_database()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("testkit_service");
        }
        // the embedded broker must not leak its address into Spring's own property, or tests would pass here by accident
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isNull();
    }
}
