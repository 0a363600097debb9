package no.carerelay.contracts;

/**
 * A logical event type: its stable name ({@code no.carerelay.<service>.<EventName>.v<N>}), the record that
 * carries its data, the topic it travels on and the JSON Schema that is its contract.
 */
public record EventType<T>(String name, Class<T> dataType, String topic) {

    public EventType {
        if (!name.matches("no\\.carerelay\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("event type name does not follow no.carerelay.<service>.<EventName>.v<N>: " + name);
        }
    }

    /** Classpath location of the JSON Schema, e.g. {@code schemas/no.carerelay.patient.DischargeReadyDeclared.v1.json}. */
    public String schemaResource() {
        return "schemas/" + name + ".json";
    }
}
