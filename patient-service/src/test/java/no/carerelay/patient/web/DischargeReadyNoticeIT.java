package no.carerelay.patient.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=patient-service")
class DischargeReadyNoticeIT {

    private static final Random RANDOM = new Random();
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.encryption-key", DischargeReadyNoticeIT::randomKey);
        registry.add("carerelay.patient.lookup-key", DischargeReadyNoticeIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
        registry.add("carerelay.patient.mllp.port", MllpClient::freePort);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventCodec codec = new EventCodec();

    @Test
    void shouldPublishAPseudonymisedDischargeReadyDeclaredOnceTheNoticeIsDurable() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        String visit = "V" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> response = post(notice(nationalId, "0301", visit), UUID.randomUUID().toString(), "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).doesNotContain(nationalId);
        String pseudonym = field(response.body(), "patientPseudonym");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_message WHERE patient_pseudonym = ?").param(pseudonym).query(Long.class).single())
                .isEqualTo(1);

        ConsumerRecord<String, byte[]> record = awaitRecordFor(pseudonym);
        Map<String, String> headers = KafkaTestClient.headers(record);
        assertThat(headers).containsEntry("ce_type", "no.carerelay.patient.DischargeReadyDeclared.v1")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/carerelay/patient-service")
                .containsEntry("ce_subject", pseudonym)
                .containsEntry("ce_id", field(response.body(), "eventId"));
        String value = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(value).doesNotContain(nationalId);
        DischargeReadyDeclared event = (DischargeReadyDeclared) codec.read(headers, record.value()).data();
        assertThat(event.municipality()).isEqualTo("0301");
        assertThat(event.patientPseudonym()).isEqualTo(pseudonym);
        assertThat(event.careNeeds()).containsExactly("HOME_NURSING");
    }

    @Test
    void shouldStoreTheNationalIdEncryptedAndNowhereElse() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        String pseudonym = field(post(notice(nationalId, "4601", "V-enc-" + RANDOM.nextInt(1_000_000)), null, "application/json").body(),
                "patientPseudonym");

        byte[] stored = jdbc.sql("SELECT national_id_encrypted FROM patient WHERE pseudonym = ?").param(pseudonym).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(nationalId);
        String everyTextColumn = jdbc.sql("""
                        SELECT string_agg(t::text, '|') FROM (
                          SELECT row_to_json(e)::text AS t FROM encounter e UNION ALL
                          SELECT row_to_json(i)::text FROM ingest_message i UNION ALL
                          SELECT serialized_event FROM event_publication) x""")
                .query(String.class).optional().orElse("");
        assertThat(everyTextColumn).doesNotContain(nationalId);
    }

    @Test
    void shouldGiveTheSamePersonTheSamePseudonymAcrossEncounters() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        String first = field(post(notice(nationalId, "0301", "V-a" + RANDOM.nextInt(1_000_000)), null, "application/json").body(),
                "patientPseudonym");
        String second = field(post(notice(nationalId, "0301", "V-b" + RANDOM.nextInt(1_000_000)), null, "application/json").body(),
                "patientPseudonym");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldAnswerARepeatedIdempotencyKeyWithTheFirstReceiptAndPublishOnce() throws Exception {
        String body = notice(SyntheticNationalIds.fodselsnummer(RANDOM), "0301", "V-dup" + RANDOM.nextInt(1_000_000));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post(body, key, "application/json");
        HttpResponse<String> second = post(body, key, "application/json");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(field(second.body(), "eventId")).isEqualTo(field(first.body(), "eventId"));
        assertThat(second.body()).contains("\"duplicate\":true");
        String pseudonym = field(first.body(), "patientPseudonym");
        awaitRecordFor(pseudonym);
        List<ConsumerRecord<String, byte[]>> all = kafka.readAll(Topics.PATIENT_ENCOUNTERS, Duration.ofSeconds(1));
        assertThat(all.stream().filter(r -> pseudonym.equals(r.key()))).hasSize(1);
    }

    @Test
    void shouldRejectAnInvalidNationalIdWithProblemDetailsAndStoreNothing() throws Exception {
        long patientsBefore = count("patient");
        String badCheckDigit = "15838510076";

        HttpResponse<String> response = post(notice(badCheckDigit, "0301", "V-bad"), null, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"field\":\"nationalId\"")
                .contains("national ID number has a wrong second check digit")
                .doesNotContain(badCheckDigit);
        assertThat(count("patient")).isEqualTo(patientsBefore);
    }

    @Test
    void shouldListEveryInvalidFieldAtOnce() throws Exception {
        String body = """
                {"nationalId":"123","municipality":"OSLO","hospital":{"organisationNumber":"12"},"visitNumber":"",
                 "careNeeds":["home nursing"]}""";
        HttpResponse<String> response = post(body, null, "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"nationalId\"", "\"municipality\"", "\"hospital.organisationNumber\"", "\"visitNumber\"",
                "\"declaredAt\"", "\"careNeeds\"");
    }

    @Test
    void shouldRejectAMunicipalityThatDoesNotExist() throws Exception {
        HttpResponse<String> response = post(notice(SyntheticNationalIds.fodselsnummer(RANDOM), "0101", "V-old"), null, "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("is not a current Norwegian municipality");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> malformedNotices() {
        String valid = notice("15838510075", "0301", "V-m1");
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("a D-number that is also an H-number", valid.replace("15838510075", "55438510075"), 400,
                        "cannot be both a D-number and an H-number"),
                org.junit.jupiter.params.provider.Arguments.of("29 February in a common year", valid.replace("15838510075", "29828510183"), 400,
                        "no valid birth day"),
                org.junit.jupiter.params.provider.Arguments.of("a declaration in the future", valid.replaceFirst("\"declaredAt\":\"[^\"]+\"",
                        "\"declaredAt\":\"2099-01-01T00:00:00Z\""), 400, "must not be in the future"),
                org.junit.jupiter.params.provider.Arguments.of("a HER-id with letters", valid.replace("\"herId\":\"90234\"", "\"herId\":\"90A34\""), 400,
                        "must be a HER-id"),
                org.junit.jupiter.params.provider.Arguments.of("no hospital", valid.replaceFirst("\"hospital\":\\{[^}]+\\},", ""), 400,
                        "\"field\":\"hospital\""),
                org.junit.jupiter.params.provider.Arguments.of("a visit number with spaces", valid.replace("V-m1", "V m1"), 400, "visitNumber"),
                org.junit.jupiter.params.provider.Arguments.of("an instant without a zone", valid.replaceFirst("\"declaredAt\":\"([^\"Z]+)Z\"",
                        "\"declaredAt\":\"$1\""), 400, "unreadable-body"),
                org.junit.jupiter.params.provider.Arguments.of("a number where text belongs", valid.replace("\"0301\"", "301"), 400, "municipality"),
                org.junit.jupiter.params.provider.Arguments.of("a JSON array", "[" + valid + "]", 400, "unreadable-body"),
                org.junit.jupiter.params.provider.Arguments.of("an empty body", "", 400, "unreadable-body"),
                org.junit.jupiter.params.provider.Arguments.of("a body over the size limit", valid.replace("\"careNeeds\"",
                        "\"padding\":\"" + "x".repeat(70_000) + "\",\"careNeeds\""), 413, "too-large"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("malformedNotices")
    void shouldRefuseAMalformedNoticeSpecificallyAndStoreNothing(String name, String body, int status, String reason) throws Exception {
        long accepted = count("ingest_message");
        HttpResponse<String> response = post(body, null, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(reason).doesNotContain("15838510075");
        assertThat(count("ingest_message")).isEqualTo(accepted);
    }

    @Test
    void shouldRefuseInvalidUtf8WithoutA5xx() throws Exception {
        byte[] body = ("{\"nationalId\":\"15838510075\",\"municipality\":\"03" + (char) 0xFF + "1\"}").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices"))
                .header("Content-Type", "application/json").header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("15838510075");
    }

    @Test
    void shouldRejectMalformedJsonWithoutEchoingIt() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        HttpResponse<String> response = post("{\"nationalId\":\"" + nationalId + "\", \"declaredAt\": \"yesterday\"", null, "application/json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("unreadable-body").doesNotContain(nationalId);
    }

    @Test
    void shouldRejectAWrongContentTypeWith415() throws Exception {
        HttpResponse<String> response = post("nationalId=1", null, "text/plain");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void shouldRefuseAVisitNumberThatBelongsToAnotherPatient() throws Exception {
        String visit = "V-shared" + RANDOM.nextInt(1_000_000);
        assertThat(post(notice(SyntheticNationalIds.fodselsnummer(RANDOM), "0301", visit), null, "application/json").statusCode()).isEqualTo(202);
        HttpResponse<String> other = post(notice(SyntheticNationalIds.fodselsnummer(RANDOM), "0301", visit), null, "application/json");
        assertThat(other.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldListAcceptedAndRefusedMessagesInTheIngestLogWithoutNationalIds() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        post(notice(nationalId, "0301", "V-log" + RANDOM.nextInt(1_000_000)), null, "application/json");
        post(notice(nationalId.substring(0, 10) + "x", "0301", "V-log-bad"), null, "application/json");

        HttpResponse<String> accepted = get("/api/v1/ingest-log?outcome=ACCEPTED&channel=JSON&limit=5");
        HttpResponse<String> refused = get("/api/v1/ingest-log?outcome=REJECTED&limit=5");

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"outcome\":\"ACCEPTED\"").contains("DISCHARGE_READY").doesNotContain(nationalId);
        assertThat(refused.body()).contains("\"outcome\":\"REJECTED\"").contains("nationalId").doesNotContain(nationalId.substring(0, 10));
        assertThat(get("/api/v1/ingest-log?outcome=MAYBE").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldDescribeTheJsonChannelInOpenApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/discharge-ready-notices").contains("/api/v1/ingest-log");
    }

    @Test
    void shouldReportReadinessIncludingDatabaseAndKafkaAndServePrometheusMetrics() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"kafka\"");
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"patient-service\"").contains("carerelay_outbox_pending");
    }

    private ConsumerRecord<String, byte[]> awaitRecordFor(String pseudonym) {
        return kafka.awaitRecordsWithKey(Topics.PATIENT_ENCOUNTERS, pseudonym, 1, Duration.ofSeconds(20)).get(0);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static String notice(String nationalId, String municipality, String visit) {
        return """
                {"nationalId":"%s","municipality":"%s","hospital":{"organisationNumber":"983974899","herId":"90234","name":"Testfold HF"},
                 "visitNumber":"%s","declaredAt":"%s","expectedDischargeDate":"2026-11-24","careNeeds":["HOME_NURSING"]}"""
                .formatted(nationalId, municipality, visit, Instant.now().minusSeconds(60));
    }

    private HttpResponse<String> post(String body, String idempotencyKey, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices")).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestInfrastructure.tokens().bearer("operator", null)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        return new EventCodec().readTree(json.getBytes(StandardCharsets.UTF_8)).get(name).asString();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
