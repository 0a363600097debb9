package no.carerelay.trajectory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;

@SpringBootTest(properties = "spring.config.name=trajectory-service")
class EncounterEventsIT {

    private static final String DLQ = Topics.deadLetter(Topics.PATIENT_ENCOUNTERS, "trajectory-service");
    private static final OrganisationRef HOSPITAL = new OrganisationRef("983974899", "90234", "Testfold HF");
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("trajectory").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> "0");
    }

    @Autowired
    JdbcClient jdbc;

    private final EventCodec codec = new EventCodec();

    @Test
    void shouldRequireTheMunicipalityToAnswerADischargeReadyPatientBeforeLocalMidnight() {
        String pseudonym = newPseudonym();
        EventEnvelope<DischargeReadyDeclared> declared = dischargeReady(pseudonym, Instant.parse("2026-11-22T09:15:00Z"));

        send(declared);

        HandoverRequired required = awaitHandoverRequired(pseudonym);
        assertThat(required.reason()).isEqualTo(HandoverReason.DISCHARGE_READY);
        assertThat(required.municipality()).isEqualTo("0301");
        assertThat(required.dueAt()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(required.causationId()).isEqualTo(declared.id());
        assertThat(required.requestedBy()).isEqualTo(HOSPITAL);
    }

    @Test
    void shouldRequireOneHandoverWhenTheSameEventIsDeliveredTwice() {
        String pseudonym = newPseudonym();
        EventEnvelope<DischargeReadyDeclared> declared = dischargeReady(pseudonym, Instant.now());
        EventEnvelope<DischargeReadyDeclared> later = dischargeReady(pseudonym, Instant.now());

        send(declared);
        send(declared);
        send(later); // same key, same partition: once it is processed, the redelivery before it has been too

        awaitProcessed(later.id());
        assertThat(jdbc.sql("SELECT count(*) FROM handover_requirement WHERE causation_id = ?").param(declared.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(kafka.awaitRecordsWithKey(Topics.TRAJECTORY_EVENTS, pseudonym, 2, Duration.ofSeconds(20)))
                .extracting(record -> ((HandoverRequired) codec.read(KafkaTestClient.headers(record), record.value()).data()).causationId())
                .containsExactlyInAnyOrder(declared.id(), later.id());
    }

    @Test
    void shouldDeadLetterAPoisonRecordWithTheReasonAndGoOnWithTheNext() {
        String poisonKey = newPseudonym();
        kafka.send(Topics.PATIENT_ENCOUNTERS, poisonKey, Map.of(), "\u0000not a cloud event".getBytes(StandardCharsets.UTF_8));
        EventEnvelope<DischargeReadyDeclared> schemaBreaking = dischargeReady(newPseudonym(), Instant.now());
        String badJson = new String(codec.writeData(schemaBreaking.data()), StandardCharsets.UTF_8).replace("\"0301\"", "\"OSLO\"");
        kafka.send(Topics.PATIENT_ENCOUNTERS, schemaBreaking.subject(), schemaBreaking.headers(), badJson.getBytes(StandardCharsets.UTF_8));
        String nextPseudonym = newPseudonym();
        send(dischargeReady(nextPseudonym, Instant.now()));

        List<ConsumerRecord<String, byte[]>> deadLetters = kafka.awaitRecords(DLQ, 2, Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> garbage = deadLetters.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(KafkaTestClient.headers(garbage).get("x-exception-message")).contains("missing CloudEvents header ce_type");
        ConsumerRecord<String, byte[]> invalid = deadLetters.stream().filter(r -> schemaBreaking.subject().equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(KafkaTestClient.headers(invalid).get("x-exception-message")).contains("breaks its schema").contains("municipality");
        assertThat(KafkaTestClient.headers(invalid)).containsEntry("x-original-topic", Topics.PATIENT_ENCOUNTERS);

        awaitHandoverRequired(nextPseudonym);
    }

    private void send(EventEnvelope<DischargeReadyDeclared> event) {
        kafka.send(Topics.PATIENT_ENCOUNTERS, event.subject(), event.headers(), codec.writeData(event.data()));
    }

    private HandoverRequired awaitHandoverRequired(String pseudonym) {
        ConsumerRecord<String, byte[]> record = kafka.awaitRecordsWithKey(Topics.TRAJECTORY_EVENTS, pseudonym, 1, Duration.ofSeconds(30)).get(0);
        Map<String, String> headers = KafkaTestClient.headers(record);
        assertThat(headers).containsEntry("ce_type", EventTypes.HANDOVER_REQUIRED.name())
                .containsEntry("ce_source", "/carerelay/trajectory-service");
        return (HandoverRequired) codec.read(headers, record.value()).data();
    }

    private void awaitProcessed(UUID eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId).query(Long.class).single() == 1) {
                return;
            }
        }
        throw new AssertionError("event " + eventId + " was never processed");
    }

    private static EventEnvelope<DischargeReadyDeclared> dischargeReady(String pseudonym, Instant declaredAt) {
        return EventEnvelope.of(EventTypes.DISCHARGE_READY_DECLARED, "/carerelay/patient-service", pseudonym,
                new DischargeReadyDeclared(pseudonym, UUID.randomUUID(), "0301", HOSPITAL, declaredAt, null, List.of("HOME_NURSING")));
    }

    private static String newPseudonym() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }
}
