package no.carerelay.patient.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.Topics;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

@SpringBootTest(properties = "spring.config.name=patient-service")
class AdtOverMllpIT {

    private static final int MLLP_PORT = MllpClient.freePort();
    private static final Random RANDOM = new Random();
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_hl7").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> "0");
        registry.add("carerelay.patient.mllp.port", () -> MLLP_PORT);
        registry.add("carerelay.patient.encryption-key", AdtOverMllpIT::randomKey);
        registry.add("carerelay.patient.lookup-key", AdtOverMllpIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
    }

    @Autowired
    JdbcClient jdbc;

    private MllpClient mllp;

    @BeforeEach
    void connect() {
        mllp = new MllpClient("127.0.0.1", MLLP_PORT, Duration.ofSeconds(15));
    }

    @AfterEach
    void disconnect() {
        mllp.close();
    }

    @Test
    void shouldAcknowledgeEveryStepOfAStayAndPublishItsEventsInOrder() {
        AdtMessages stay = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        assertAccepted(stay.event("A01", "ADT_A01"));
        String pseudonym = pseudonymOf(stay.controlId);
        stay.transferTo = "974749025";
        assertAccepted(stay.event("A02", "ADT_A02"));
        stay.transferTo = null;
        stay.expectedDischarge = "20261125";
        assertAccepted(stay.event("A16", "ADT_A16"));
        assertAccepted(stay.event("A25", "ADT_A21"));
        assertAccepted(stay.event("A16", "ADT_A16"));
        stay.disposition = "home";
        stay.dischargeTime = "20261124120000+0100";
        assertAccepted(stay.event("A03", "ADT_A03"));
        assertAccepted(stay.event("A13", "ADT_A01"));
        assertAccepted(stay.event("A03", "ADT_A03"));

        List<String> types = kafka.awaitRecordsWithKey(Topics.PATIENT_ENCOUNTERS, pseudonym, 8, Duration.ofSeconds(20)).stream()
                .map(record -> KafkaTestClient.headers(record).get("ce_type").replace("no.carerelay.patient.", ""))
                .toList();
        assertThat(types).containsExactly("PatientAdmitted.v1", "PatientTransferred.v1", "DischargeReadyDeclared.v1",
                "DischargeReadyWithdrawn.v1", "DischargeReadyDeclared.v1", "PatientDischarged.v1", "EncounterCancelled.v1",
                "PatientDischarged.v1");
        assertThat(jdbc.sql("SELECT status FROM encounter WHERE visit_number = ?").param(stay.visit).query(String.class).single())
                .isEqualTo("DISCHARGED");
        // the facts each message carried, written with its status change
        assertThat(jdbc.sql("""
                        SELECT patient_class, admitted_at IS NOT NULL, discharge_ready_at IS NOT NULL, expected_discharge_date,
                               disposition, discharged_at IS NOT NULL FROM encounter WHERE visit_number = ?""")
                .param(stay.visit)
                .query((rs, row) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getDate(4).toString(),
                        rs.getString(5), rs.getBoolean(6)))
                .single()).containsExactly("INPATIENT", true, true, "2026-11-25", "home", true);
    }

    @Test
    void shouldAcknowledgeAResentMessageAgainAndPublishItOnce() {
        AdtMessages admit = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        String message = admit.build();

        assertThat(mllp.send(message)).contains("MSA|AA|" + admit.controlId);
        assertThat(mllp.send(message)).contains("MSA|AA|" + admit.controlId);

        String pseudonym = pseudonymOf(admit.controlId);
        AdtMessages next = admit.event("A16", "ADT_A16");
        assertAccepted(next); // same key, same partition: once this is there, a second admission would be too
        assertThat(kafka.awaitRecordsWithKey(Topics.PATIENT_ENCOUNTERS, pseudonym, 2, Duration.ofSeconds(20)))
                .extracting(record -> KafkaTestClient.headers(record).get("ce_type"))
                .containsExactly("no.carerelay.patient.PatientAdmitted.v1", "no.carerelay.patient.DischargeReadyDeclared.v1");
    }

    @Test
    void shouldCancelAnAdmissionEnteredInError() {
        AdtMessages stay = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        assertAccepted(stay.event("A01", "ADT_A01"));
        assertAccepted(stay.event("A11", "ADT_A09"));
        List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecordsWithKey(Topics.PATIENT_ENCOUNTERS, pseudonymOf(stay.controlId), 2,
                Duration.ofSeconds(20));
        assertThat(new String(records.get(1).value())).contains("\"cancelled\":\"ADMISSION\"");
    }

    @Test
    void shouldAnnounceRegistrationMoveAndDeathOnTheRegistryTopic() {
        AdtMessages stay = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        assertAccepted(stay.event("A01", "ADT_A01"));
        String pseudonym = pseudonymOf(stay.controlId);
        assertAccepted(stay.event("A08", "ADT_A01")); // nothing new: nothing written, nothing announced
        stay.municipality = "4601";
        stay.gpOrganisation = "974749025";
        assertAccepted(stay.event("A08", "ADT_A01"));
        assertThat(jdbc.sql("SELECT municipality, gp_org_number FROM patient WHERE pseudonym = ?").param(pseudonym)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2))).single())
                .as("kept current").containsExactly("4601", "974749025");
        stay.deathIndicator = "Y";
        stay.disposition = "exp";
        assertAccepted(stay.event("A03", "ADT_A03"));

        assertThat(kafka.awaitRecordsWithKey(Topics.PATIENT_REGISTRY, pseudonym, 3, Duration.ofSeconds(20)))
                .extracting(record -> KafkaTestClient.headers(record).get("ce_type"))
                .containsExactly("no.carerelay.patient.PatientRegistered.v1", "no.carerelay.patient.PatientMoved.v1",
                        "no.carerelay.patient.PatientDeceased.v1");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a wrong check digit", "AE", "wrong second check digit", m -> m.nationalId = m.nationalId.substring(0, 10)
                        + (char) ('0' + (m.nationalId.charAt(10) - '0' + 1) % 10)),
                refusal("no Norwegian identifier", "AE", "PID-3 has no Norwegian national ID", m -> m.identifierType = "MR"),
                refusal("no municipality", "AE", "PID-11 (component 9", m -> m.municipality = null),
                refusal("a malformed municipality", "AE", "four-digit kommunenummer", m -> m.municipality = "03A1"),
                refusal("a municipality that does not exist", "AE", "9999 is not a current Norwegian municipality", m -> m.municipality = "9999"),
                refusal("no visit number", "AE", "PV1-19 (visit number) is required", m -> m.visit = null),
                refusal("an unknown patient class", "AE", "PV1-2 must be I, O or E", m -> m.patientClass = "X"),
                refusal("a malformed event time", "AE", "EVN-2 is not an HL7 timestamp", m -> m.eventTime = "2026-11-22"),
                refusal("a malformed GP organisation number", "AE", "PD1-3 component 10", m -> m.gpOrganisation = "12345"),
                refusal("an unsupported event", "AR", "ADT event A04 is not supported", m -> m.event("A04", "ADT_A01")),
                refusal("a message that is not ADT", "AR", "only ADT messages are accepted", m -> m.messageType = "ORM"),
                refusal("no control id", "AR", "MSH-10 (message control id) is required", m -> m.controlId = ""),
                refusal("a cancelled discharge that never happened", "AE", "cannot apply cancel discharge", m -> m.event("A13", "ADT_A01")),
                refusal("a withdrawn discharge-readiness never declared", "AE", "cannot apply discharge ready withdrawn", m -> m.event("A25", "ADT_A21")),
                refusal("a transfer of an unknown stay", "AE", "needs an earlier admission", m -> {
                    m.event("A02", "ADT_A02");
                    m.visit = "V-unknown-" + RANDOM.nextInt(1_000_000);
                }));
    }

    private static Arguments refusal(String name, String code, String reason, Consumer<AdtMessages> change) {
        return Arguments.of(name, code, reason, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void shouldRefuseWithTheSpecificReasonAndLeaveNothingBehind(String name, String code, String reason, Consumer<AdtMessages> change) {
        AdtMessages admitted = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        assertAccepted(admitted); // a stay to act on, for the refusals that need one
        AdtMessages message = new AdtMessages(admitted.nationalId);
        message.visit = admitted.visit;
        change.accept(message);
        long rejectionsBefore = count("ingest_rejection");

        String ack = mllp.send(message.build());

        assertThat(ack).contains("MSA|" + code).contains(reason).doesNotContain(admitted.nationalId);
        assertThat(count("ingest_rejection")).isEqualTo(rejectionsBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM ingest_message WHERE idempotency_key LIKE ?").param("%/" + message.controlId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseBytesThatAreNotHl7WithoutQuotingThem() {
        String nationalId = SyntheticNationalIds.fodselsnummer(RANDOM);
        String ack = mllp.send("PID|||" + nationalId + "^^^FNR^NNNOR\rthis is not an HL7 message");
        assertThat(ack).contains("MSA|AR").contains("could not be read as HL7 v2").doesNotContain(nationalId);
    }

    @Test
    void shouldRefuseAMessageTruncatedAfterTheHeader() {
        String ack = mllp.send("MSH|^~\\&|DIPS|Testfold HF^983974899|CARERELAY|CARERELAY|20261122101500||ADT^A01^ADT_A01|CTRL-T|P|2.5\r");
        assertThat(ack).containsAnyOf("MSA|AE|CTRL-T", "MSA|AR|CTRL-T");
    }

    private void assertAccepted(AdtMessages message) {
        String ack = mllp.send(message.build());
        assertThat(ack).as(ack).contains("MSA|AA|" + message.controlId);
    }

    private String pseudonymOf(String controlId) {
        return jdbc.sql("SELECT patient_pseudonym FROM ingest_message WHERE idempotency_key = ?").param(AdtMessages.HOSPITAL + "/" + controlId)
                .query(String.class).single();
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
