package no.carerelay.patient.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ca.uhn.fhir.context.FhirContext;
import no.carerelay.contracts.Topics;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=patient-service")
class FhirEncounterIT {

    private static final Random RANDOM = new Random();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_fhir").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.mllp.port", MllpClient::freePort);
        registry.add("carerelay.patient.encryption-key", FhirEncounterIT::randomKey);
        registry.add("carerelay.patient.lookup-key", FhirEncounterIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldFollowAStayThroughItsStatesAndPublishTheEventsInOrder() throws Exception {
        String id = "enc-" + UUID.randomUUID().toString().substring(0, 8);
        Encounter encounter = encounter(SyntheticNationalIds.fodselsnummer(RANDOM), "0301");
        encounter.getMeta().setVersionId("1");

        assertThat(put(id, encounter).statusCode()).isEqualTo(200);
        String pseudonym = jdbc.sql("SELECT patient_pseudonym FROM ingest_message WHERE message_key = ?").param("Encounter/" + id + "/_history/1")
                .query(String.class).single();
        encounter.getMeta().setVersionId("2");
        encounter.addExtension(FhirEncounterMapper.DISCHARGE_READY, new DateTimeType(new Date()));
        assertThat(put(id, encounter).statusCode()).isEqualTo(200);
        encounter.getMeta().setVersionId("3");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.getHospitalization().getDischargeDisposition().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", null));
        assertThat(put(id, encounter).statusCode()).isEqualTo(200);
        encounter.getMeta().setVersionId("4");
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS); // the discharge was entered in error
        encounter.getExtension().clear();
        assertThat(put(id, encounter).statusCode()).isEqualTo(200);

        assertThat(kafka.awaitRecordsWithKey(Topics.PATIENT_ENCOUNTERS, pseudonym, 4, Duration.ofSeconds(20)))
                .extracting(record -> KafkaTestClient.headers(record).get("ce_type").replace("no.carerelay.patient.", ""))
                .containsExactly("PatientAdmitted.v1", "DischargeReadyDeclared.v1", "PatientDischarged.v1", "EncounterCancelled.v1");
    }

    @Test
    void shouldOpenAndDeclareInOneTransactionWhenTheFirstResourceIsAlreadyDischargeReady() throws Exception {
        Encounter encounter = encounter(SyntheticNationalIds.fodselsnummer(RANDOM), "4601");
        encounter.addExtension(FhirEncounterMapper.DISCHARGE_READY, new DateTimeType(new Date()));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post(FHIR.newJsonParser().encodeResourceToString(encounter), key, "application/fhir+json");
        HttpResponse<String> again = post(FHIR.newJsonParser().encodeResourceToString(encounter), key, "application/fhir+json");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("content-type").orElse("")).startsWith("application/fhir+json");
        assertThat(first.body()).contains("ADMIT").contains("DISCHARGE_READY");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).contains("already accepted");
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_message WHERE message_key = ?").param("key:" + key).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldRegisterTheGpPracticeFromAContainedOrganisation() throws Exception {
        Encounter encounter = encounter(SyntheticNationalIds.fodselsnummer(RANDOM), "4601");
        Organization practice = new Organization();
        practice.setId("gp");
        practice.setName("Bryggen legesenter");
        practice.addIdentifier(new Identifier().setSystem(FhirEncounterMapper.ORGANISATION_NUMBER).setValue("912345678"));
        practice.addIdentifier(new Identifier().setSystem(FhirEncounterMapper.HER_ID).setValue("81234"));
        encounter.addContained(practice);
        patientOf(encounter).addGeneralPractitioner(new Reference("#gp"));

        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = post(FHIR.newJsonParser().encodeResourceToString(encounter), key, "application/fhir+json");

        assertThat(response.statusCode()).isEqualTo(201);
        String pseudonym = jdbc.sql("SELECT DISTINCT patient_pseudonym FROM ingest_message WHERE message_key = ?").param("key:" + key)
                .query(String.class).single();
        assertThat(kafka.awaitRecordsWithKey(Topics.PATIENT_REGISTRY, pseudonym, 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .contains("\"organisationNumber\":\"912345678\"").contains("\"herId\":\"81234\"").contains("Bryggen legesenter"));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a wrong check digit", 422, "wrong second check digit", e -> patientOf(e).getIdentifierFirstRep().setValue(bump(patientOf(e).getIdentifierFirstRep().getValue()))),
                refusal("no national ID", 422, "Patient.identifier", e -> patientOf(e).getIdentifierFirstRep().setSystem("urn:oid:1.2.3")),
                refusal("an unknown municipality", 422, "0101 is not a current Norwegian municipality", e -> patientOf(e).getAddressFirstRep().setDistrict("0101")),
                refusal("a malformed municipality", 422, "four-digit kommunenummer", e -> patientOf(e).getAddressFirstRep().setDistrict("Oslo")),
                refusal("no municipality", 422, "Patient.address.district", e -> patientOf(e).getAddress().clear()),
                refusal("a GP practice without an organisation number", 422, "GP practice by a nine-digit organisation number",
                        e -> patientOf(e).addGeneralPractitioner(new Reference().setIdentifier(new Identifier().setSystem(FhirEncounterMapper.HER_ID)
                                .setValue("81234")).setType("Organization"))),
                refusal("no hospital", 422, "Encounter.serviceProvider.identifier", e -> e.setServiceProvider(new Reference())),
                refusal("a hospital without an organisation number", 422, "nine-digit organisation number",
                        e -> e.getServiceProvider().getIdentifier().setValue("12345")),
                refusal("no stay identifier", 422, "Encounter.identifier", e -> e.getIdentifier().clear()),
                refusal("a planned stay", 422, "planned stays are not handed over", e -> e.setStatus(Encounter.EncounterStatus.PLANNED)),
                refusal("an unknown class", 422, "Encounter.class must be", e -> e.getClass_().setCode("HH")),
                refusal("a subject that is not contained", 422, "contained in the Encounter", e -> {
                    e.getContained().clear();
                    e.setSubject(new Reference("Patient/123"));
                }),
                refusal("a cancellation of an unknown stay", 409, "no stay with this identifier", e -> e.setStatus(Encounter.EncounterStatus.ENTEREDINERROR)));
    }

    private static Arguments refusal(String name, int status, String reason, Consumer<Encounter> change) {
        return Arguments.of(name, status, reason, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void shouldRefuseWithAnOperationOutcomeAndStoreNothing(String name, int status, String reason, Consumer<Encounter> change) throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        Encounter encounter = encounter(nationalId, "0301");
        change.accept(encounter);
        long accepted = count("ingest_message");

        HttpResponse<String> response = post(FHIR.newJsonParser().encodeResourceToString(encounter), null, "application/fhir+json");

        assertOperationOutcome(response, status, reason);
        assertThat(response.body()).doesNotContain(nationalId).doesNotContain(nationalId.substring(0, 10));
        assertThat(count("ingest_message")).isEqualTo(accepted);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("not JSON", "application/fhir+json", "{\"resourceType\":\"Encounter\",", 400, "not a valid FHIR R4 JSON resource"),
                Arguments.of("another resource", "application/fhir+json", "{\"resourceType\":\"Patient\"}", 400, "takes an Encounter, not a Patient"),
                Arguments.of("an unknown element", "application/fhir+json", "{\"resourceType\":\"Encounter\",\"nationalId\":\"x\"}", 400, "not a valid FHIR R4"),
                Arguments.of("an unknown status", "application/fhir+json", "{\"resourceType\":\"Encounter\",\"status\":\"admitted\"}", 400, "not a valid FHIR R4"),
                Arguments.of("XML", "application/fhir+xml", "<Encounter xmlns=\"http://hl7.org/fhir\"/>", 415, "application/fhir+json"),
                Arguments.of("plain text", "text/plain", "hello", 415, "application/fhir+json"),
                Arguments.of("an empty body", "application/fhir+json", "", 400, "not a valid FHIR R4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void shouldRefuseAMalformedBodyWithAnOperationOutcome(String name, String contentType, String body, int status, String reason) throws Exception {
        assertOperationOutcome(post(body, null, contentType), status, reason);
    }

    @Test
    void shouldRefuseInvalidUtf8AndOversizedBodies() throws Exception {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertOperationOutcome(send(HttpRequest.BodyPublishers.ofByteArray(invalid), "application/fhir+json"), 400, "not valid UTF-8");
        byte[] huge = new byte[FhirEncounterController.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertOperationOutcome(send(HttpRequest.BodyPublishers.ofByteArray(huge), "application/fhir+json"), 413, "at most");
    }

    private static void assertOperationOutcome(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/fhir+json");
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("\"severity\":\"error\"").contains(reason);
    }

    private static Encounter encounter(String nationalId, String municipality) {
        Patient patient = new Patient();
        patient.setId("patient");
        patient.addIdentifier(new Identifier().setSystem("urn:oid:2.16.578.1.12.4.1.4.1").setValue(nationalId));
        patient.addAddress().setDistrict(municipality);
        Encounter encounter = new Encounter();
        encounter.addContained(patient);
        encounter.setSubject(new Reference("#patient"));
        encounter.addIdentifier().setSystem("urn:oid:2.16.578.1.12.4.1.2.999").setValue("V" + UUID.randomUUID().toString().substring(0, 8));
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.setServiceProvider(new Reference().setIdentifier(new Identifier().setSystem(FhirEncounterMapper.ORGANISATION_NUMBER)
                .setValue("983974899")).setDisplay("Testfold HF"));
        encounter.getPeriod().setStart(new Date());
        return encounter;
    }

    private static Patient patientOf(Encounter encounter) {
        return (Patient) encounter.getContained().get(0);
    }

    private static String bump(String number) {
        return number.substring(0, 10) + (char) ('0' + (number.charAt(10) - '0' + 1) % 10);
    }

    private HttpResponse<String> put(String id, Encounter encounter) throws Exception {
        encounter.setId(id);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Encounter/" + id)).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(encounter))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String idempotencyKey, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Encounter")).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Encounter")).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null)).header("Content-Type", contentType)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

}
