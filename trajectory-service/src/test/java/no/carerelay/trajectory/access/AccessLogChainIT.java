package no.carerelay.trajectory.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import no.carerelay.accesschain.ChainVerification;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.TokenIssuer;
import no.carerelay.trajectory.support.TrajectoryEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * trajectory-service's access log is append-only and hash-chained: concurrent writers keep one unbroken chain, the
 * database refuses changes, an auditor reads who looked at a patient (and is logged doing so), and the verifier
 * names the entry where someone with the table owner's rights changed, removed or cut off entries behind the
 * trigger's back. Over the real HTTP API, broker and database, as {@link PatientDataAccessedIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=trajectory-service",
        "carerelay.trajectory.deadlines.initial-delay=PT1H",
        "spring.cloud.stream.bindings.patientEncounters-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.collaborationHandovers-in-0.consumer.auto-startup=false"})
class AccessLogChainIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("trajectory_access_chain").forEach((name, value) -> registry.add(name, () -> value));
    }

    private static final TokenIssuer tokens = TestInfrastructure.tokens();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccessLog accessLog;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldKeepOneIntactChainThroughConcurrentReadsAndShowAnAuditorWhoLookedAtAPatient() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient).statusCode()).isEqualTo(201);
        List<Thread> readers = new ArrayList<>();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            String coordinator = "forlop-" + i;
            Thread reader = new Thread(() -> {
                for (int n = 0; n < 5; n++) {
                    statuses.add(get("/api/v1/patients/" + patient + "/trajectories", bearer(coordinator, List.of("pathway-coordinator"), null))
                            .statusCode());
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(statuses).hasSize(20).containsOnly(200);

        JsonNode verification = json.readTree(get("/api/v1/audit/access-log/verification", auditor()).body());
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        JsonNode log = json.readTree(get("/api/v1/audit/access-log?patient=" + patient + "&size=5", auditor()).body());
        assertThat(log.get("total").asLong()).as("one registration and twenty reads").isEqualTo(21);
        assertThat(log.get("items")).hasSize(5);
        JsonNode newest = log.get("items").get(0);
        assertThat(newest.get("action").asString()).isEqualTo("read-timeline");
        assertThat(newest.get("actor").asString()).startsWith("forlop-");
        assertThat(newest.get("actorRoles").asString()).isEqualTo("pathway-coordinator");
        assertThat(newest.get("actorOrganisation").asString()).isEqualTo("test-organisation");
        assertThat(newest.get("hash").asString()).hasSize(64);
        assertThat(json.readTree(get("/api/v1/audit/access-log?patient=" + patient, auditor()).body()).get("total").asLong())
                .as("the auditor's own look is logged").isEqualTo(22);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void shouldRefuseToChangeOrRemoveAnEntry() throws Exception {
        assertThat(get("/api/v1/patients/" + TrajectoryEvents.newPseudonym() + "/trajectories", null).statusCode()).isEqualTo(401);

        assertThatThrownBy(() -> jdbc.sql("UPDATE access_log SET actor = 'someone-else'").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void shouldNameTheEntryWhereAnInsiderChangedRemovedOrCutOffTheLog() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient).statusCode()).isEqualTo(201);
        for (int n = 0; n < 3; n++) {
            assertThat(get("/api/v1/patients/" + patient + "/trajectories", bearer("forlop-x", List.of("pathway-coordinator"), null))
                    .statusCode()).isEqualTo(200);
        }
        List<Long> ids = jdbc.sql("SELECT id FROM access_log WHERE patient_pseudonym = ? ORDER BY id").param(patient).query(Long.class).list();
        long second = ids.get(1);
        long last = jdbc.sql("SELECT max(id) FROM access_log").query(Long.class).single();

        ChainVerification changed = tamper(sql -> sql.accept("UPDATE access_log SET actor = 'someone-else' WHERE id = " + second));
        ChainVerification removed = tamper(sql -> sql.accept("DELETE FROM access_log WHERE id = " + second));
        ChainVerification cutOff = tamper(sql -> sql.accept("DELETE FROM access_log WHERE id = " + last));

        assertThat(changed.intact()).isFalse();
        assertThat(changed.firstBadEntryId()).isEqualTo(second);
        assertThat(changed.problem()).contains("changed");
        assertThat(removed.firstBadEntryId()).as("the entry after the removed one").isEqualTo(ids.get(2));
        assertThat(removed.problem()).contains("does not follow");
        assertThat(cutOff.intact()).isFalse();
        assertThat(cutOff.problem()).contains("removed from the end");
        assertThat(accessLog.verify().intact()).as("each tampering was rolled back").isTrue();
    }

    @Test
    void shouldAnswerAnAuditorsBadQueryWith400NamingEachFieldAndRefuseEveryOtherRole() throws Exception {
        HttpResponse<String> bad = get("/api/v1/audit/access-log?patient=not%20a%20pseudonym&size=500&page=-1", auditor());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("patient").contains("size").contains("page");
        assertThat(get("/api/v1/audit/access-log", bearer("drift-1", List.of("operator"), null)).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/audit/access-log/verification", bearer("forlop-1", List.of("pathway-coordinator"), null)).statusCode())
                .isEqualTo(403);
    }

    /** Runs the statements as the table owner with the trigger off, verifies, and rolls everything back. */
    private ChainVerification tamper(Consumer<Consumer<String>> statements) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete").update();
            statements.accept(statement -> jdbc.sql(statement).update());
            return accessLog.verify();
        });
    }

    private String auditor() {
        return bearer("revisor-1", List.of("auditor"), null);
    }

    private static String bearer(String subject, List<String> roles, String kommunenummer) {
        return "Bearer " + tokens.token(subject, roles, kommunenummer);
    }

    private HttpResponse<String> register(String patient) throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(1);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + "/pathway-events"))
                .header("Authorization", tokens.bearer("hospital-system", null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"code":"A12A","eventDate":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899"}}"""
                        .formatted(yesterday)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param bearer the Authorization header's value, or null for none */
    private HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
