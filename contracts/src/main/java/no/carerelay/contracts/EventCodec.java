package no.carerelay.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes event data as JSON and reads CloudEvents back, checking the headers and the schema first.
 * Thread-safe; one per application is enough.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            // additive changes within a version: a consumer must tolerate fields it does not know yet
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    public byte[] writeData(Object data) {
        return mapper.writeValueAsBytes(data);
    }

    public JsonNode readTree(byte[] json) {
        return mapper.readTree(json);
    }

    /** The envelope's data after it has passed its schema; a contract violation is an error of the producer. */
    public <T> byte[] writeValidated(EventEnvelope<T> envelope) {
        byte[] json = writeData(envelope.data());
        List<String> violations = EventSchemas.violations(envelope.type(), mapper.readTree(json));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("produced " + envelope.type().name() + " breaks its schema: " + violations);
        }
        return json;
    }

    /**
     * Reads a record in CloudEvents binary mode.
     *
     * @throws UnreadableEventException with the reason when the record can never be processed
     */
    public EventEnvelope<?> read(Map<String, String> headers, byte[] value) {
        String typeName = header(headers, CloudEventHeaders.TYPE);
        EventType<?> type = EventTypes.byName(typeName)
                .orElseThrow(() -> new UnreadableEventException("unknown event type '" + typeName + "'"));
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(header(headers, CloudEventHeaders.SPEC_VERSION))) {
            throw new UnreadableEventException("unsupported CloudEvents specversion '" + headers.get(CloudEventHeaders.SPEC_VERSION) + "'");
        }
        UUID id = parse(headers, CloudEventHeaders.ID, UUID::fromString);
        Instant time = parse(headers, CloudEventHeaders.TIME, Instant::parse);
        return read(type, id, header(headers, CloudEventHeaders.SOURCE), time, header(headers, CloudEventHeaders.SUBJECT), value);
    }

    private <T> EventEnvelope<T> read(EventType<T> type, UUID id, String source, Instant time, String subject, byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnreadableEventException(type.name() + " record has no value");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(value);
        } catch (JacksonException e) {
            throw new UnreadableEventException(type.name() + " value is not JSON: " + e.getOriginalMessage());
        }
        List<String> violations = EventSchemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new UnreadableEventException(type.name() + " breaks its schema: " + violations);
        }
        T data;
        try {
            data = mapper.treeToValue(tree, type.dataType());
        } catch (JacksonException e) {
            throw new UnreadableEventException(type.name() + " cannot be bound: " + e.getOriginalMessage());
        }
        try {
            return new EventEnvelope<>(id, type, source, time, subject, data);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEventException(type.name() + " envelope is invalid: " + e.getMessage());
        }
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(Map<String, String> headers, String name, Parser<T> parser) {
        String text = header(headers, name);
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UnreadableEventException("CloudEvents header " + name + " is malformed");
        }
    }
}
