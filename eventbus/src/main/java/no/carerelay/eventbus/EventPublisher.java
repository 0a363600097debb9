package no.carerelay.eventbus;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;

/**
 * Publishes a contract event through the outbox. Must be called inside the transaction that makes the change
 * the event reports: the event is stored with it and sent to Kafka only after commit (and again after a crash).
 */
public class EventPublisher {

    private final ApplicationEventPublisher events;
    private final EventCodec codec;
    private final String source;
    private final Tracer tracer;
    private final Propagator propagator;

    EventPublisher(ApplicationEventPublisher events, EventCodec codec, String source, Tracer tracer, Propagator propagator) {
        this.events = events;
        this.codec = codec;
        this.source = source;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @param subject the patient pseudonym; it is the Kafka key, so order holds per patient
     * @return the CloudEvent id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> UUID publish(EventType<T> type, String subject, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, source, subject, data);
        String payload = new String(codec.writeValidated(envelope), StandardCharsets.UTF_8);
        events.publishEvent(new OutboxRecord(envelope.id(), type.name(), type.topic(), source, envelope.time(), subject, payload,
                currentTraceparent()));
        return envelope.id();
    }

    private String currentTraceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(context, carrier, Map::put);
        return carrier.get("traceparent");
    }
}
