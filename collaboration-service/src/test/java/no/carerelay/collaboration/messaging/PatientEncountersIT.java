package no.carerelay.collaboration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.testkit.KafkaTestClient;

class PatientEncountersIT extends CollaborationIT {

    private static final String DLQ = Topics.deadLetter(Topics.PATIENT_ENCOUNTERS, "collaboration-service");

    @Test
    void shouldDeadLetterAnEncounterRecordThatBreaksItsSchemaAndGoOnWithTheNext() {
        String poisoned = newPseudonym();
        EventEnvelope<DischargeReadyDeclared> template = EventEnvelope.of(EventTypes.DISCHARGE_READY_DECLARED, "/carerelay/patient-service",
                poisoned, new DischargeReadyDeclared(poisoned, UUID.randomUUID(), "0301", HOSPITAL, clock.instant(), null, null));
        Map<String, String> headers = new HashMap<>(template.headers());
        kafka.send(Topics.PATIENT_ENCOUNTERS, poisoned, headers, "{\"patientPseudonym\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String next = newPseudonym();
        EventEnvelope<DischargeReadyDeclared> good = declareDischargeReady(next, "0301", UUID.randomUUID());

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecords(DLQ, 1, Duration.ofSeconds(30)).stream()
                .filter(record -> poisoned.equals(record.key())).findFirst().orElseThrow();
        assertThat(KafkaTestClient.headers(deadLetter).get("x-exception-message")).isNotBlank();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && jdbc.sql("SELECT count(*) FROM discharge_ready_notice WHERE event_id = ?")
                .param(good.id()).query(Long.class).single() == 0) {
            sleep(100);
        }
        assertThat(jdbc.sql("SELECT encounter_id FROM discharge_ready_notice WHERE event_id = ?").param(good.id()).query(UUID.class).single())
                .isEqualTo(good.data().encounterId());
    }
}
