package no.carerelay.eventbus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;
import no.carerelay.contracts.UnreadableEventException;

/**
 * Builds the consumers Spring Cloud Stream binds, in batch mode (EventbusDefaults): each poll's records arrive
 * together and are applied in one database transaction, each at most once (its inbox row and the handler's effect
 * commit together). One transaction per poll instead of one per record saves the per-transaction cost
 * (connection, commit, an offset commit) for every record but the first; on the two-core benchmark machine this
 * did not raise end-to-end throughput, which ingest limits there (README, Performance and reliability).
 * <p>
 * When the batch fails, its transaction rolls back and the records are applied again one transaction each, up to
 * the one that fails; that one is reported as a {@link BatchListenerFailedException} with its index, so the
 * container commits what went before, retries from it with back-off and finally dead-letters it alone
 * ({@link ConsumerErrorHandling}). An unreadable record (not a CloudEvent, breaks its schema) ends the batch the
 * same way and goes to the dead-letter topic without retry.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    InboundEvents(EventCodec codec, ProcessedEvents processed, TransactionTemplate transactions, MeterRegistry meters,
            ObservationRegistry observations) {
        this.codec = codec;
        this.processed = processed;
        this.transactions = transactions;
        this.meters = meters;
        this.observations = observations;
    }

    public Handlers consumer(String consumerName) {
        return new Handlers(consumerName);
    }

    /** The handlers of one consumer, by event type; types without a handler are skipped. */
    public final class Handlers {

        private final String consumer;
        private final Map<String, EventHandler<?>> byType = new LinkedHashMap<>();

        private Handlers(String consumer) {
            this.consumer = consumer;
        }

        public <T> Handlers on(EventType<T> type, EventHandler<T> handler) {
            byType.put(type.name(), handler);
            return this;
        }

        /** The batch consumer for the binding: a poll's records, their headers in {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}. */
        public Consumer<Message<List<byte[]>>> build() {
            Map<String, EventHandler<?>> handlers = Map.copyOf(byType);
            return message -> accept(consumer, handlers, message);
        }
    }

    /** A record read as a CloudEvent, with its position in the poll and its headers (for the trace context). */
    private record Inbound(int index, EventEnvelope<?> event, Map<String, String> headers) {
    }

    private void accept(String consumer, Map<String, EventHandler<?>> handlers, Message<List<byte[]>> message) {
        List<byte[]> payloads = message.getPayload();
        List<Map<String, String>> headers = batchHeaders(message, payloads.size());
        List<Inbound> readable = new ArrayList<>(payloads.size());
        UnreadableEventException unreadable = null;
        for (int i = 0; i < payloads.size() && unreadable == null; i++) {
            try {
                readable.add(new Inbound(i, codec.read(headers.get(i), payloads.get(i)), headers.get(i)));
            } catch (UnreadableEventException e) {
                count(consumer, "unknown", "unreadable");
                log.warn("Unreadable record for consumer {}: {}", consumer, e.getMessage());
                unreadable = e;
            }
        }
        applyAll(consumer, handlers, readable);
        if (unreadable != null) {
            // everything before it is applied and committed; the container dead-letters it and goes on after it
            throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, readable.size());
        }
    }

    private void applyAll(String consumer, Map<String, EventHandler<?>> handlers, List<Inbound> records) {
        if (records.isEmpty()) {
            return;
        }
        List<String> outcomes;
        try {
            outcomes = transactions.execute(status -> {
                List<String> applied = new ArrayList<>(records.size());
                for (Inbound record : records) {
                    applied.add(apply(consumer, handlers, record));
                }
                return applied;
            });
        } catch (RuntimeException batchFailure) {
            if (records.size() == 1) {
                throw new BatchListenerFailedException(reason(batchFailure), batchFailure, records.get(0).index());
            }
            log.debug("Batch of {} for consumer {} failed ({}); applying one by one", records.size(), consumer, batchFailure.toString());
            applyOneByOne(consumer, handlers, records);
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            count(consumer, records.get(i).event().type().name(), outcomes.get(i));
        }
    }

    /** After a failed batch: one transaction per record, so the records before the failing one stay applied. */
    private void applyOneByOne(String consumer, Map<String, EventHandler<?>> handlers, List<Inbound> records) {
        for (Inbound record : records) {
            String outcome;
            try {
                outcome = transactions.execute(status -> apply(consumer, handlers, record));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(reason(failure), failure, record.index());
            }
            count(consumer, record.event().type().name(), outcome);
        }
    }

    /** Inside the transaction. The handler runs in the record's own trace: what it publishes carries that trace on. */
    private String apply(String consumer, Map<String, EventHandler<?>> handlers, Inbound record) {
        EventEnvelope<?> event = record.event();
        String type = event.type().name();
        EventHandler<?> handler = handlers.get(type);
        if (handler == null) {
            return "ignored";
        }
        if (!processed.markProcessed(consumer, event.id(), type)) {
            return "duplicate";
        }
        Observation.createNotStarted("carerelay.event.apply", () -> receiverContext(record.headers()), observations)
                .contextualName(consumer + " apply " + type)
                .lowCardinalityKeyValue("consumer", consumer)
                .lowCardinalityKeyValue("type", type)
                .observe(() -> dispatch(handler, event));
        return "applied";
    }

    static ReceiverContext<Map<String, String>> receiverContext(Map<String, String> headers) {
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
        context.setCarrier(headers);
        context.setRemoteServiceName("kafka");
        return context;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dispatch(EventHandler handler, EventEnvelope event) {
        handler.handle(event);
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private void count(String consumer, String type, String outcome) {
        meters.counter("carerelay.events.consumed", "consumer", consumer, "type", type, "outcome", outcome).increment();
    }

    /** In batch mode the binder gives each record's headers as one map in a list, in the payloads' order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> batchHeaders(Message<?> message, int size) {
        Object converted = message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Map<String, String>> headers = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> raw = converted instanceof List<?> list && i < list.size() && list.get(i) instanceof Map<?, ?> map
                    ? (Map<String, Object>) map : Map.of();
            headers.add(textHeaders(raw));
        }
        return headers;
    }

    /** Kafka header values arrive as bytes (our producers set raw UTF-8) or, through some mappers, as strings. */
    static Map<String, String> textHeaders(Map<String, Object> raw) {
        Map<String, String> headers = new HashMap<>();
        raw.forEach((name, value) -> {
            if (value instanceof byte[] bytes) {
                headers.put(name, new String(bytes, StandardCharsets.UTF_8));
            } else if (value instanceof String text) {
                headers.put(name, text);
            }
        });
        return headers;
    }
}
