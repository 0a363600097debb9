package no.carerelay.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/** The JSON Schemas under {@code schemas/}, loaded once, used to check what goes on and comes off the wire. */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Violations of the type's schema, each as {@code <json path>: <message>}; empty when the document is valid. */
    public static List<String> violations(EventType<?> type, JsonNode document) {
        return schema(type).validate(document).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    static Schema schema(EventType<?> type) {
        return CACHE.computeIfAbsent(type.name(), name -> load(type));
    }

    private static Schema load(EventType<?> type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no JSON Schema on the classpath for " + type.name() + " at " + type.schemaResource());
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
