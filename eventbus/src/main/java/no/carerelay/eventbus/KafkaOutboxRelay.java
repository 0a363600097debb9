package no.carerelay.eventbus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import no.carerelay.contracts.CloudEventHeaders;

/**
 * Sends stored events to Kafka after the transaction commits. Spring Modulith intercepts this listener: the
 * publication row is written in the transaction, and marked complete only when the returned future completes,
 * that is when the broker has acknowledged (acks=all). A failed send stays incomplete and is resubmitted.
 */
class KafkaOutboxRelay {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Executor completions;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    KafkaOutboxRelay(KafkaTemplate<String, byte[]> kafka, Executor completions, MeterRegistry meters, ObservationRegistry observations) {
        this.kafka = kafka;
        this.completions = completions;
        this.meters = meters;
        this.observations = observations;
    }

    /** Runs on the committing thread after commit; see {@link ConnectionBudget} for what that asks of the pool. */
    @TransactionalEventListener
    public CompletableFuture<Long> relay(OutboxRecord event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), null, event.subject(),
                event.payload().getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.ID, event.id().toString());
        header(record, CloudEventHeaders.SOURCE, event.source());
        header(record, CloudEventHeaders.TYPE, event.type());
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.TIME, event.time().toString());
        header(record, CloudEventHeaders.SUBJECT, event.subject());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        Timer.Sample sample = Timer.start(meters);
        // Complete on our executor, not the producer's I/O thread: Modulith then writes the completion to the database.
        return send(record, event.traceparent()).handleAsync((result, failure) -> {
            sample.stop(meters.timer("carerelay.outbox.send", "topic", event.topic(), "outcome", failure == null ? "ok" : "failed"));
            if (failure != null) {
                throw new CompletionFailure(failure);
            }
            return result.getRecordMetadata().offset();
        }, completions);
    }

    /**
     * The template's own observation writes the traceparent of its parent: here the trace the event was published
     * in, restored from the outbox row (several events of one consumer batch commit together, each in its own trace).
     */
    private CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record, String traceparent) {
        if (traceparent == null) {
            return kafka.send(record);
        }
        return Observation.createNotStarted("carerelay.outbox.relay",
                        () -> InboundEvents.receiverContext(Map.of("traceparent", traceparent)), observations)
                .contextualName("outbox relay " + record.topic())
                .lowCardinalityKeyValue("topic", record.topic())
                .observe(() -> kafka.send(record));
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    static final class CompletionFailure extends RuntimeException {
        CompletionFailure(Throwable cause) {
            super("Kafka send failed; the publication stays incomplete and will be resubmitted", cause);
        }
    }
}
