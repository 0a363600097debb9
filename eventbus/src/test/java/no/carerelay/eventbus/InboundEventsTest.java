package no.carerelay.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.UnreadableEventException;
import no.carerelay.contracts.patient.DischargeReadyDeclared;

class InboundEventsTest {

    private static final OrganisationRef HOSPITAL = new OrganisationRef("983974899", "90234", "Testfold HF");
    /** Pseudonyms are 16-64 characters; the tests name patients by the letter after this prefix. */
    private static final String PSEUDONYM_PREFIX = "test-pseudonym-";

    private final EventCodec codec = new EventCodec();
    private final FakeDatabase database = new FakeDatabase();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InboundEvents inbound = new InboundEvents(codec, database.inbox(), new TransactionTemplate(database),
            meters, ObservationRegistry.NOOP);
    private final Set<String> failing = new HashSet<>();

    private final Consumer<Message<List<byte[]>>> consumer = inbound.consumer("test-consumer")
            .on(EventTypes.DISCHARGE_READY_DECLARED, event -> {
                String patient = event.subject().substring(PSEUDONYM_PREFIX.length());
                if (failing.contains(patient)) {
                    throw new IllegalStateException("database hiccup for " + patient);
                }
                database.pending.add(patient);
            })
            .build();

    @Test
    void shouldApplyEveryRecordOfAPollInOneTransaction() {
        consumer.accept(batch(readable("a"), readable("b"), readable("c")));

        assertThat(database.committed).containsExactly("a", "b", "c");
        assertThat(database.commits).isEqualTo(1);
        assertThat(applied()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheRecordsBeforeAFailingOneAndNameTheFailingOnesIndex() {
        failing.add("b");

        assertThatThrownBy(() -> consumer.accept(batch(readable("a"), readable("b"), readable("c"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).hasMessageContaining("database hiccup for b");
                });
        // the batch rolled back, then a alone committed; c waits for the container's retry from b
        assertThat(database.committed).containsExactly("a");
        assertThat(database.inboxCommitted).hasSize(1);
        assertThat(database.rollbacks).isEqualTo(2);
    }

    @Test
    void shouldApplyTheRecordsBeforeAnUnreadableOneAndHandItOverWithoutRetry() {
        assertThatThrownBy(() -> consumer.accept(batch(readable("a"), garbage(), readable("c"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(UnreadableEventException.class)
                            .hasMessageContaining("ce_type");
                    assertThat(ConsumerErrorHandling.reason(new RuntimeException("listener failed", failed)))
                            .isSameAs(failed.getCause());
                });
        assertThat(database.committed).containsExactly("a");
    }

    @Test
    void shouldApplyARedeliveredEventOnce() {
        Record first = readable("a");

        consumer.accept(batch(first, readable("b"), first));
        consumer.accept(batch(first));

        assertThat(database.committed).containsExactly("a", "b");
        assertThat(meters.counter("carerelay.events.consumed", "consumer", "test-consumer", "type",
                EventTypes.DISCHARGE_READY_DECLARED.name(), "outcome", "duplicate").count()).isEqualTo(2);
    }

    @Test
    void shouldSkipEventTypesWithoutAHandler() {
        InboundEvents.Handlers none = inbound.consumer("other-consumer");

        none.build().accept(batch(readable("a")));

        assertThat(database.committed).isEmpty();
        assertThat(database.inboxCommitted).isEmpty();
    }

    private double applied() {
        return meters.counter("carerelay.events.consumed", "consumer", "test-consumer", "type",
                EventTypes.DISCHARGE_READY_DECLARED.name(), "outcome", "applied").count();
    }

    private record Record(Map<String, String> headers, byte[] value) {
    }

    private Record readable(String patient) {
        String pseudonym = PSEUDONYM_PREFIX + patient;
        EventEnvelope<DischargeReadyDeclared> event = EventEnvelope.of(EventTypes.DISCHARGE_READY_DECLARED, "/carerelay/patient-service",
                pseudonym, new DischargeReadyDeclared(pseudonym, UUID.randomUUID(), "0301", HOSPITAL, Instant.now(), null, List.of("HOME_NURSING")));
        return new Record(event.headers(), codec.writeData(event.data()));
    }

    private static Record garbage() {
        return new Record(Map.of(), "\u0000not a cloud event".getBytes(StandardCharsets.UTF_8));
    }

    /** As the binder hands a poll over in batch mode: the values, and each record's headers as raw bytes. */
    private static Message<List<byte[]>> batch(Record... records) {
        List<byte[]> values = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Record record : records) {
            values.add(record.value());
            Map<String, Object> raw = new HashMap<>();
            record.headers().forEach((name, value) -> raw.put(name, value.getBytes(StandardCharsets.UTF_8)));
            headers.add(raw);
        }
        return MessageBuilder.withPayload(values).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers).build();
    }
}
