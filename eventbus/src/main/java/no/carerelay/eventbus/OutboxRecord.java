package no.carerelay.eventbus;

import java.time.Instant;
import java.util.UUID;

/**
 * What the outbox stores for one event: everything needed to produce the Kafka record later, already
 * serialised and schema-checked, so a republish after a crash sends exactly the bytes first intended.
 * {@code traceparent} is the W3C trace context the event was published in (null when there was none, and in
 * rows written before it was recorded), so the record continues that trace however late it is sent.
 */
public record OutboxRecord(UUID id, String type, String topic, String source, Instant time, String subject, String payload,
        String traceparent) {
}
