package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.carerelay.accesschain.ChainVerification;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.resourceserver.Role;
import no.carerelay.testkit.PostgresServer;
import no.carerelay.testkit.TestInfrastructure;

/**
 * An access log written before roles and organisation were recorded (migrations up to V5, entries hashed the old
 * way) stays verifiable once V6 is applied and new entries are written with the new hash: no Spring context, only
 * the migrations, the writer and the verifier on a database of its own.
 */
class AccessLogUpgradeIT {

    @Test
    void shouldVerifyEntriesWrittenBeforeRolesWereRecordedTogetherWithTheNewOnes() {
        PostgresServer postgres = TestInfrastructure.postgres();
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl("collaboration_upgrade_" + UUID.randomUUID().toString().substring(0, 8)),
                postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/collaboration").target("5").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        writeTheWayV5Did(jdbc, "kk-0301", "0301", "read-care-team");
        writeTheWayV5Did(jdbc, "saksbehandler-1", "0301", "list");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/collaboration").load().migrate();
        AccessLog log = new AccessLog(jdbc, Clock.systemUTC(), new SimpleMeterRegistry());
        log.granted(new Actor("kk-0301", Set.of(Role.MUNICIPAL_COORDINATOR), "974760673", "0301"), "patient", "pseudonym-0000000001",
                "pseudonym-0000000001", "read-tasks");
        log.requestRefused(null, "GET", "/api/v1/worklist", null, "401 this API needs a bearer token");

        ChainVerification verification = new AccessLogVerifier(jdbc).verify();
        assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
        assertThat(verification.entries()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT hash_version || ':' || COALESCE(actor, '-') || ':' || COALESCE(actor_roles, '-') FROM access_log ORDER BY id")
                .query(String.class).list())
                .containsExactly("1:kk-0301:-", "1:saksbehandler-1:-", "2:kk-0301:municipal-coordinator", "2:-:-");
    }

    /** What AccessLog wrote before V6: no roles, organisation or hash version, and the hash over the fields of then. */
    private static void writeTheWayV5Did(JdbcClient jdbc, String actor, String municipality, String action) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String prevHash = jdbc.sql("SELECT last_hash FROM access_log_head WHERE id = 1 FOR UPDATE").query(String.class).single();
        long id = jdbc.sql("SELECT nextval('access_log_id_seq')").query(Long.class).single();
        String hash = AccessLogEntry.hash(AccessLogEntry.LEGACY_HASH, prevHash, id, at, actor, null, null, municipality, "patient",
                "pseudonym-0000000001", "pseudonym-0000000001", action, "GRANTED", "work-related need");
        jdbc.sql("""
                        INSERT INTO access_log (id, at, actor, actor_municipality, resource_type, resource_id, patient_pseudonym, action, decision,
                                                reason, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), actor, municipality, "patient", "pseudonym-0000000001", "pseudonym-0000000001", action, "GRANTED",
                        "work-related need", prevHash, hash)
                .update();
        jdbc.sql("UPDATE access_log_head SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1").params(id, hash).update();
    }
}
