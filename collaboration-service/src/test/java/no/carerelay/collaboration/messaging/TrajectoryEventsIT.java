package no.carerelay.collaboration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;

@SpringBootTest(properties = "spring.config.name=collaboration-service")
class TrajectoryEventsIT {

    private static final String DLQ = Topics.deadLetter(Topics.TRAJECTORY_EVENTS, "collaboration-service");
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("collaboration").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> "0");
    }

    @Autowired
    JdbcClient jdbc;

    private final EventCodec codec = new EventCodec();

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

    private void send(EventEnvelope<HandoverRequired> event) {
        kafka.send(Topics.TRAJECTORY_EVENTS, event.subject(), event.headers(), codec.writeData(event.data()));
    }

    private List<HandoverOpened> awaitOpened(String pseudonym, int count) {
        List<HandoverOpened> opened = kafka.awaitRecordsWithKey(Topics.COLLABORATION_HANDOVERS, pseudonym, count, Duration.ofSeconds(30)).stream()
                .map(record -> (HandoverOpened) codec.read(KafkaTestClient.headers(record), record.value()).data())
                .toList();
        assertThat(opened).hasSize(count);
        return opened;
    }

    private static EventEnvelope<HandoverRequired> handoverRequired(String pseudonym, String municipality) {
        return EventEnvelope.of(EventTypes.HANDOVER_REQUIRED, "/carerelay/trajectory-service", pseudonym,
                new HandoverRequired(UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY, "Answer today",
                        Instant.now().plus(8, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS),
                        new OrganisationRef("983974899", "90234", "Testfold HF"), UUID.randomUUID()));
    }

    private static String newPseudonym() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }
}
