package no.carerelay.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One CloudEvent: attributes plus data. {@code subject} is the patient pseudonym and also the Kafka key.
 *
 * @param id     unique per event; consumers deduplicate on it
 * @param source URI-reference of the producing service, e.g. {@code /carerelay/patient-service}
 */
public record EventEnvelope<T>(UUID id, EventType<T> type, String source, Instant time, String subject, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    public static <T> EventEnvelope<T> of(EventType<T> type, String source, String subject, T data) {
        return new EventEnvelope<>(UUID.randomUUID(), type, source, Instant.now(), subject, data);
    }

    /** The {@code ce_*} headers of the binary content mode, in a stable order. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, id.toString());
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TYPE, type.name());
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TIME, time.toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }
}
