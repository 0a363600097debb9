package no.carerelay.eventbus;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;
import no.carerelay.contracts.UnreadableEventException;

/**
 * Builds the record-mode consumers Spring Cloud Stream binds. Each record is read as a CloudEvent (an unreadable
 * one throws {@link UnreadableEventException}, which the binding sends to its dead-letter topic without retry),
 * then applied at most once: the inbox row and the handler's effect commit together.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    InboundEvents(EventCodec codec, ProcessedEvents processed, TransactionTemplate transactions, MeterRegistry meters) {
        this.codec = codec;
        this.processed = processed;
        this.transactions = transactions;
        this.meters = meters;
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

        public Consumer<Message<byte[]>> build() {
            Map<String, EventHandler<?>> handlers = Map.copyOf(byType);
            return message -> accept(consumer, handlers, message);
        }
    }

    private void accept(String consumer, Map<String, EventHandler<?>> handlers, Message<byte[]> message) {
        EventEnvelope<?> event;
        try {
            event = codec.read(textHeaders(message), message.getPayload());
        } catch (UnreadableEventException e) {
            count(consumer, "unknown", "unreadable");
            log.warn("Unreadable record for consumer {}: {}", consumer, e.getMessage());
            throw e;
        }
        String type = event.type().name();
        EventHandler<?> handler = handlers.get(type);
        if (handler == null) {
            count(consumer, type, "ignored");
            return;
        }
        Boolean applied = transactions.execute(status -> {
            if (!processed.markProcessed(consumer, event.id(), type)) {
                return false;
            }
            dispatch(handler, event);
            return true;
        });
        count(consumer, type, Boolean.TRUE.equals(applied) ? "applied" : "duplicate");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dispatch(EventHandler handler, EventEnvelope event) {
        handler.handle(event);
    }

    private void count(String consumer, String type, String outcome) {
        meters.counter("carerelay.events.consumed", "consumer", consumer, "type", type, "outcome", outcome).increment();
    }

    /** Kafka header values arrive as bytes (our producers set raw UTF-8) or, through some mappers, as strings. */
    static Map<String, String> textHeaders(Message<?> message) {
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value instanceof byte[] bytes) {
                headers.put(name, new String(bytes, StandardCharsets.UTF_8));
            } else if (value instanceof String text) {
                headers.put(name, text);
            }
        });
        return headers;
    }
}
