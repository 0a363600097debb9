package no.carerelay.collaboration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.testkit.KafkaTestClient;

class TrajectoryEventsIT extends CollaborationIT {

    private static final String DLQ = Topics.deadLetter(Topics.TRAJECTORY_EVENTS, "collaboration-service");

    @Test
    void shouldOpenARequestedCaseInTheAddressedMunicipalitysInbox() {
        EventEnvelope<HandoverRequired> required = handoverRequired(newPseudonym(), "4601");

        send(required);

        HandoverOpened opened = awaitOpened(required.subject(), 1).get(0);
        assertThat(opened.requirementId()).isEqualTo(required.data().requirementId());
        assertThat(opened.municipality()).isEqualTo("4601");
        assertThat(opened.dueAt()).isEqualTo(required.data().dueAt());
        assertThat(jdbc.sql("SELECT status FROM handover_case WHERE id = ?").param(opened.caseId()).query(String.class).single())
                .isEqualTo("REQUESTED");
    }

    @Test
    void shouldOpenOneCasePerRequirementWhenTheEventIsRedelivered() {
        String pseudonym = newPseudonym();
        EventEnvelope<HandoverRequired> required = handoverRequired(pseudonym, "0301");
        EventEnvelope<HandoverRequired> next = handoverRequired(pseudonym, "0301");

        send(required);
        send(required);
        send(next); // same key, same partition: when it is opened, the redelivery before it has been handled

        assertThat(awaitOpened(pseudonym, 2)).extracting(HandoverOpened::requirementId)
                .containsExactlyInAnyOrder(required.data().requirementId(), next.data().requirementId());
        assertThat(jdbc.sql("SELECT count(*) FROM handover_case WHERE patient_pseudonym = ?").param(pseudonym).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void shouldDeadLetterAPoisonRecordWithTheReasonAndGoOnWithTheNext() {
        EventEnvelope<HandoverRequired> unknownType = handoverRequired(newPseudonym(), "0301");
        Map<String, String> headers = new java.util.HashMap<>(unknownType.headers());
        headers.put("ce_type", "no.carerelay.trajectory.SomethingElse.v9");
        kafka.send(Topics.TRAJECTORY_EVENTS, unknownType.subject(), headers, "{}".getBytes(StandardCharsets.UTF_8));
        EventEnvelope<HandoverRequired> next = handoverRequired(newPseudonym(), "0301");
        send(next);

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecords(DLQ, 1, Duration.ofSeconds(30)).stream()
                .filter(record -> unknownType.subject().equals(record.key())).findFirst().orElseThrow();
        assertThat(KafkaTestClient.headers(deadLetter).get("x-exception-message")).contains("unknown event type");
        awaitOpened(next.subject(), 1);
    }

    private List<HandoverOpened> awaitOpened(String pseudonym, int count) {
        await(EventTypes.HANDOVER_OPENED, pseudonym, count);
        List<HandoverOpened> opened = all(EventTypes.HANDOVER_OPENED, pseudonym);
        assertThat(opened).hasSize(count);
        return opened;
    }

    private EventEnvelope<HandoverRequired> handoverRequired(String pseudonym, String municipality) {
        return handoverRequired(pseudonym, municipality, clock.instant().plus(8, ChronoUnit.HOURS), UUID.randomUUID());
    }


}
