package no.carerelay.patient.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import no.carerelay.accesschain.ChainVerification;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.TokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patient's own access log: the other services' PatientDataAccessed records arrive over real Kafka into real
 * PostgreSQL, and the patient, known only by the pid in an ID-porten-style token, sees exactly the entries that name
 * them.
 *
 * <p>Every patient-service context in this JVM joins consumer group patient-service; the other ITs' cached contexts
 * are paused (their bindings stopped) when this one starts, so this context gets every partition and the records
 * land in its own database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=patient-service")
class PatientAccessLogIT {

    private static final Random RANDOM = new Random();
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private static final TokenIssuer tokens = TestInfrastructure.tokens();
    private static final String PATH = "/api/v1/me/access-log";
    /**
     * Generous: should an earlier member of group patient-service have died without leaving (the kill test's
     * process), the group waits out its session before this context gets the partitions.
     */
    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_access_report").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.encryption-key", PatientAccessLogIT::randomKey);
        registry.add("carerelay.patient.lookup-key", PatientAccessLogIT::randomKey);
        registry.add("carerelay.patient.mllp.port", MllpClient::freePort);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccessLog accessLog;

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    private record Patient(String nationalId, String pseudonym) {

        String token() {
            return tokens.patientToken(nationalId);
        }
    }

    @Test
    void shouldShowThePatientEveryEntryThatNamesThemFromEveryServiceNewestFirstAndNeverTheirNationalId() throws Exception {
        Patient me = register();
        Patient other = register();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PatientDataAccessed collaboration = new PatientDataAccessed(UUID.randomUUID(), me.pseudonym(), now.minus(3, ChronoUnit.HOURS),
                "collaboration-service", "kari.koordinator", List.of("municipal-coordinator"), "974760673", "0301", "handover-case", "read",
                "GRANTED", "handover");
        PatientDataAccessed trajectory = new PatientDataAccessed(UUID.randomUUID(), me.pseudonym(), now.minus(1, ChronoUnit.HOURS),
                "trajectory-service", "per.pasientforlop", List.of("pathway-coordinator"), "983974899", null, "trajectory", "read", "DENIED",
                "not on the patient's care team");
        PatientDataAccessed someoneElses = accessed(other, now.minus(2, ChronoUnit.HOURS), "care-team");
        publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, collaboration);
        publish(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, trajectory);
        publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, someoneElses);
        awaitStored(collaboration, trajectory, someoneElses);
        // patient-service's own access log names the patient when an operator is shown the ingest log
        HttpResponse<String> ingestLog = get("/api/v1/ingest-log", tokens.token("ops-reviewer", List.of("operator"), null));
        assertThat(ingestLog.statusCode()).isEqualTo(200);

        HttpResponse<String> response = get(PATH, me.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(me.nationalId()).doesNotContain(other.nationalId());
        JsonNode body = json.readTree(response.body());
        assertThat(summaries(body)).containsExactly(
                "patient-service ops-reviewer ingest-log LIST GRANTED",
                "trajectory-service per.pasientforlop trajectory read DENIED",
                "collaboration-service kari.koordinator handover-case read GRANTED");
        assertThat(body.get("total").asLong()).isEqualTo(3);
        JsonNode oldest = body.get("items").get(2);
        assertThat(Instant.parse(oldest.get("accessedAt").asString())).isEqualTo(collaboration.accessedAt());
        assertThat(oldest.get("actorRoles").get(0).asString()).isEqualTo("municipal-coordinator");
        assertThat(oldest.get("actorOrganisation").asString()).isEqualTo("974760673");
        assertThat(oldest.get("actorMunicipality").asString()).isEqualTo("0301");
        assertThat(oldest.get("reason").asString()).isEqualTo("handover");
        assertThat(body.get("items").get(0).get("actorRoles").get(0).asString()).isEqualTo("operator");
    }

    @Test
    void shouldPageTheEntriesNewestFirstAndRefuseAPageLargerThan200() throws Exception {
        Patient me = register();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PatientDataAccessed first = accessed(me, now.minus(3, ChronoUnit.HOURS), "care-team");
        PatientDataAccessed second = accessed(me, now.minus(2, ChronoUnit.HOURS), "task");
        PatientDataAccessed third = accessed(me, now.minus(1, ChronoUnit.HOURS), "individual-plan");
        for (PatientDataAccessed entry : List.of(first, second, third)) {
            publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, entry);
        }
        awaitStored(first, second, third);

        JsonNode firstPage = json.readTree(get(PATH + "?page=0&size=2", me.token()).body());
        // the first read is logged and so is the newest entry of the second
        JsonNode secondPage = json.readTree(get(PATH + "?page=1&size=2", me.token()).body());

        assertThat(resources(firstPage)).containsExactly("individual-plan", "task");
        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(resources(secondPage)).containsExactly("task", "care-team");
        assertThat(secondPage.get("total").asLong()).isEqualTo(4);
        assertThat(secondPage.get("page").asInt()).isEqualTo(1);
        assertThat(secondPage.get("size").asInt()).isEqualTo(2);
        assertThat(get(PATH + "?size=200", me.token()).statusCode()).isEqualTo(200);
        assertThat(get(PATH + "?size=201", me.token()).statusCode()).isEqualTo(400);
        assertThat(get(PATH + "?page=-1", me.token()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowAnEntryOnceWhenItIsRedeliveredOrRepublishedUnderANewEventId() throws Exception {
        Patient me = register();
        PatientDataAccessed entry = accessed(me, Instant.now().minus(1, ChronoUnit.HOURS), "care-team");
        EventEnvelope<PatientDataAccessed> original = EventEnvelope.of(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED,
                "/carerelay/collaboration-service", me.pseudonym(), entry);
        send(original);
        send(original); // a redelivery: the same CloudEvent id
        publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, entry); // a re-publication after a crash: same accessId, new id
        // same topic and key, so one partition: once this is stored, the three before it have been handled
        PatientDataAccessed next = accessed(me, Instant.now().minus(30, ChronoUnit.MINUTES), "task");
        publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, next);
        awaitStored(next);

        JsonNode body = json.readTree(get(PATH, me.token()).body());

        assertThat(resources(body)).containsExactly("task", "care-team");
        assertThat(jdbc.sql("SELECT count(*) FROM patient_access_report WHERE access_id = ?").param(entry.accessId()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void shouldShowAnotherPatientNoneOfTheEntriesAndAnUnknownPersonAnEmptyList() throws Exception {
        Patient me = register();
        Patient other = register();
        PatientDataAccessed mine = accessed(me, Instant.now().minus(1, ChronoUnit.HOURS), "care-team");
        publish(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, mine);
        awaitStored(mine);
        String stranger = SyntheticNationalIds.fodselsnummer(RANDOM);
        long patients = jdbc.sql("SELECT count(*) FROM patient").query(Long.class).single();

        HttpResponse<String> othersView = get(PATH, other.token());
        HttpResponse<String> strangersView = get(PATH, tokens.patientToken(stranger));

        assertThat(othersView.statusCode()).isEqualTo(200);
        assertThat(json.readTree(othersView.body()).get("items")).isEmpty();
        assertThat(json.readTree(othersView.body()).get("total").asLong()).isZero();
        assertThat(strangersView.statusCode()).isEqualTo(200);
        assertThat(json.readTree(strangersView.body()).get("items")).isEmpty();
        assertThat(strangersView.body()).doesNotContain(stranger);
        assertThat(jdbc.sql("SELECT count(*) FROM patient").query(Long.class).single()).as("looking registers no one").isEqualTo(patients);
    }

    @Test
    void shouldRefuseATokenWithoutPidOrWithAnInvalidOneWith403AndNeverEchoTheNumber() throws Exception {
        String invalid = "12345678901";
        String citizen = "citizen-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> withoutPid = get(PATH, tokens.token(citizen, List.of("patient"), null));
        HttpResponse<String> withInvalidPid = get(PATH, tokens.patientToken(invalid));

        assertThat(withoutPid.statusCode()).isEqualTo(403);
        assertThat(withoutPid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withoutPid.body()).contains("https://carerelay.no/problems/national-id-missing");
        assertThat(withInvalidPid.statusCode()).isEqualTo(403);
        assertThat(withInvalidPid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withInvalidPid.body()).contains("https://carerelay.no/problems/national-id-invalid").doesNotContain(invalid);
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE actor = ? AND decision = 'DENIED' AND resource = ?")
                .params(citizen, PATH).query(String.class).single()).contains("pid claim is missing");
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE actor = ? AND decision = 'DENIED' AND resource = ?")
                .params(subjectOf(invalid), PATH).query(String.class).single()).contains("not valid").doesNotContain(invalid);
    }

    @Test
    void shouldDeadLetterARecordThatBreaksTheSchemaWithTheReasonAndStoreNothingOfIt() throws Exception {
        Patient me = register();
        PatientDataAccessed entry = accessed(me, Instant.now().minus(1, ChronoUnit.HOURS), "care-team");
        EventEnvelope<PatientDataAccessed> broken = EventEnvelope.of(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED,
                "/carerelay/collaboration-service", me.pseudonym(), entry);
        ObjectNode value = (ObjectNode) json.readTree(codec.writeData(entry));
        value.put("decision", "MAYBE");
        kafka.send(Topics.COLLABORATION_ACCESS, me.pseudonym(), broken.headers(), json.writeValueAsBytes(value));
        PatientDataAccessed next = accessed(me, Instant.now().minus(30, ChronoUnit.MINUTES), "task");
        publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, next);

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecordsWithKey(Topics.deadLetter(Topics.COLLABORATION_ACCESS, "patient-service"),
                me.pseudonym(), 1, ARRIVAL).get(0);
        awaitStored(next);

        assertThat(Topics.deadLetter(Topics.COLLABORATION_ACCESS, "patient-service")).isEqualTo("collaboration.access.v1.patient-service.dlq");
        assertThat(KafkaTestClient.headers(deadLetter).get("x-exception-message")).contains("breaks its schema");
        assertThat(KafkaTestClient.headers(deadLetter).get("ce_id")).isEqualTo(broken.id().toString());
        assertThat(jdbc.sql("SELECT count(*) FROM patient_access_report WHERE access_id = ?").param(entry.accessId()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(broken.id()).query(Long.class).single())
                .isZero();
        assertThat(resources(json.readTree(get(PATH, me.token()).body()))).containsExactly("task");
    }

    @Test
    void shouldDeadLetterAnEntryWhoseKeyNamesAnotherPatientThanItsData() throws Exception {
        Patient me = register();
        Patient other = register();
        PatientDataAccessed othersEntry = accessed(other, Instant.now().minus(1, ChronoUnit.HOURS), "trajectory");
        // valid data, but the subject and key name me: it must not be shown to either of us on a guess
        EventEnvelope<PatientDataAccessed> misaddressed = EventEnvelope.of(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED,
                "/carerelay/trajectory-service", me.pseudonym(), othersEntry);
        send(misaddressed);

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecordsWithKey(Topics.deadLetter(Topics.TRAJECTORY_ACCESS, "patient-service"),
                me.pseudonym(), 1, ARRIVAL).get(0);

        assertThat(KafkaTestClient.headers(deadLetter).get("x-exception-message")).contains("subject does not match");
        assertThat(jdbc.sql("SELECT count(*) FROM patient_access_report WHERE access_id = ?").param(othersEntry.accessId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldLogThePatientsOwnReadAndShowItToThemFromTheNextReadOn() throws Exception {
        Patient me = register();

        HttpResponse<String> firstRead = get(PATH, me.token());
        HttpResponse<String> secondRead = get(PATH, me.token());

        assertThat(json.readTree(firstRead.body()).get("items")).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM access_log WHERE actor = ? AND actor_roles = 'patient' AND patient_pseudonym = ?
                          AND resource = 'own-access-log' AND decision = 'GRANTED'""")
                .params(subjectOf(me.nationalId()), me.pseudonym()).query(Long.class).single()).isEqualTo(2);
        assertThat(summaries(json.readTree(secondRead.body())))
                .containsExactly("patient-service " + subjectOf(me.nationalId()) + " own-access-log READ GRANTED");
        assertThat(secondRead.body()).doesNotContain(me.nationalId());
    }

    @Test
    void shouldDocumentTheEndpointForPatientsInTheOpenApiDocument() throws Exception {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode operation = json.readTree(document.body()).get("paths").get(PATH).get("get");
        assertThat(operation.get("description").asString()).contains("pid", "collaboration.access.v1", "trajectory.access.v1");
        assertThat(operation.get("responses").get("403").get("description").asString()).contains("national-id-invalid");
        assertThat(operation.get("parameters")).extracting(parameter -> parameter.get("name").asString()).containsExactly("page", "size");
    }

    @Test
    void shouldChainEveryEntryAndShowAnAuditorWhoLookedAtAPatientWithoutTheNationalId() throws Exception {
        Patient me = register();
        get(PATH, me.token());
        get(PATH, me.token());
        String auditor = tokens.token("revisor-1", List.of("auditor"), null);

        JsonNode log = json.readTree(get("/api/v1/audit/access-log?patient=" + me.pseudonym(), auditor).body());
        JsonNode verification = json.readTree(get("/api/v1/audit/access-log/verification", auditor).body());

        assertThat(log.get("total").asLong()).as("the patient's two reads").isEqualTo(2);
        JsonNode newest = log.get("items").get(0);
        assertThat(newest.get("actor").asString()).isEqualTo(subjectOf(me.nationalId()));
        assertThat(newest.get("resource").asString()).isEqualTo("own-access-log");
        assertThat(newest.get("hash").asString()).hasSize(64);
        assertThat(log.toString()).doesNotContain(me.nationalId());
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(json.readTree(get("/api/v1/audit/access-log?patient=" + me.pseudonym(), auditor).body()).get("total").asLong())
                .as("the auditor's own look is logged").isEqualTo(3);
    }

    @Test
    void shouldNameTheEntryWhereAnInsiderChangedRemovedOrCutOffTheLog() throws Exception {
        Patient me = register();
        for (int n = 0; n < 3; n++) {
            get(PATH, me.token());
        }
        List<Long> ids = jdbc.sql("SELECT id FROM access_log WHERE patient_pseudonym = ? ORDER BY id").param(me.pseudonym()).query(Long.class).list();
        long second = ids.get(1);
        long afterSecond = jdbc.sql("SELECT min(id) FROM access_log WHERE id > ?").param(second).query(Long.class).single();
        long last = jdbc.sql("SELECT max(id) FROM access_log").query(Long.class).single();

        ChainVerification changed = tamper("UPDATE access_log SET actor = 'someone-else' WHERE id = " + second);
        ChainVerification removed = tamper("DELETE FROM access_log WHERE id = " + second);
        ChainVerification cutOff = tamper("DELETE FROM access_log WHERE id = " + last);

        assertThat(changed.firstBadEntryId()).isEqualTo(second);
        assertThat(changed.problem()).contains("changed");
        assertThat(removed.firstBadEntryId()).as("the first entry after the removed one").isEqualTo(afterSecond);
        assertThat(removed.problem()).contains("does not follow");
        assertThat(cutOff.intact()).isFalse();
        assertThat(cutOff.problem()).contains("removed from the end");
        assertThat(accessLog.verify().intact()).as("each tampering was rolled back").isTrue();
    }

    @Test
    void shouldAnswerAnAuditorsBadQueryWith400AndKeepTheAuditLogFromPatients() throws Exception {
        HttpResponse<String> bad = get("/api/v1/audit/access-log?patient=12345678901&size=0", tokens.token("revisor-1", List.of("auditor"), null));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(bad.body()).contains("patient").contains("size").doesNotContain("12345678901");
        assertThat(get("/api/v1/audit/access-log", register().token()).statusCode()).isEqualTo(403);
    }

    /** Runs the statement as the table owner with the trigger off, verifies, and rolls everything back. */
    private ChainVerification tamper(String statement) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete").update();
            jdbc.sql(statement).update();
            return accessLog.verify();
        });
    }

    /** Registers a person the way a hospital does: a discharge-ready notice. */
    private Patient register() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        String notice = """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899"},"visitNumber":"A%s","declaredAt":"%s"}"""
                .formatted(nationalId, UUID.randomUUID().toString().substring(0, 8), Instant.now());
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices"))
                .header("Authorization", tokens.bearer("hospital-system", null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notice)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return new Patient(nationalId, json.readTree(accepted.body()).get("patientPseudonym").asString());
    }

    private static PatientDataAccessed accessed(Patient patient, Instant at, String resource) {
        return new PatientDataAccessed(UUID.randomUUID(), patient.pseudonym(), at.truncatedTo(ChronoUnit.MILLIS), "collaboration-service",
                "kari.koordinator", List.of("municipal-coordinator"), "974760673", "0301", resource, "read", "GRANTED", "care");
    }

    private void publish(EventType<PatientDataAccessed> type, PatientDataAccessed entry) {
        send(EventEnvelope.of(type, "/carerelay/" + entry.service(), entry.patientPseudonym(), entry));
    }

    private void send(EventEnvelope<PatientDataAccessed> event) {
        kafka.send(event.type().topic(), event.subject(), event.headers(), codec.writeValidated(event));
    }

    private void awaitStored(PatientDataAccessed... entries) throws InterruptedException {
        List<UUID> ids = java.util.Arrays.stream(entries).map(PatientDataAccessed::accessId).toList();
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = jdbc.sql("SELECT count(*) FROM patient_access_report WHERE access_id IN (:ids)").param("ids", ids).query(Long.class).single();
            if (stored == ids.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("stored " + stored + " of " + ids.size() + " entries within " + ARRIVAL);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<String> summaries(JsonNode page) {
        List<String> summaries = new ArrayList<>();
        page.get("items").forEach(item -> summaries.add(String.join(" ", item.get("service").asString(), item.get("actor").asString(),
                item.get("resource").asString(), item.get("action").asString(), item.get("decision").asString())));
        return summaries;
    }

    private static List<String> resources(JsonNode page) {
        List<String> resources = new ArrayList<>();
        page.get("items").forEach(item -> resources.add(item.get("resource").asString()));
        return resources;
    }

    /** The sub the testkit gives a patient's token (never the number itself). */
    private static String subjectOf(String nationalId) {
        return "idporten-" + UUID.nameUUIDFromBytes(nationalId.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
