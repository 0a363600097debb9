package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The infrastructure is real: records go through a broker, SQL runs in separate databases. */
class TestInfrastructureIT {

    @Test
    void shouldCarryARecordThroughARealBroker() {
        try (KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka().bootstrapServers())) {
            kafka.send("testkit.smoke", "k1", Map.of("ce_id", "1"), "hello".getBytes(StandardCharsets.UTF_8));
            var records = kafka.awaitRecords("testkit.smoke", 1, Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(KafkaTestClient.headers(records.get(0))).containsEntry("ce_id", "1");
        }
    }

    @Test
    void shouldGiveEachServiceItsOwnDatabase() throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        try (Connection a = DriverManager.getConnection(postgres.jdbcUrl("testkit_a"), postgres.username(), postgres.password());
             Connection b = DriverManager.getConnection(postgres.jdbcUrl("testkit_b"), postgres.username(), postgres.password());
             Statement inA = a.createStatement(); Statement inB = b.createStatement()) {
            inA.execute("CREATE TABLE only_in_a (id int)");
            ResultSet version = inA.executeQuery("SHOW server_version_num");
            version.next();
            assertThat(version.getInt(1)).isGreaterThanOrEqualTo(170000);
            ResultSet tables = inB.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }
}
