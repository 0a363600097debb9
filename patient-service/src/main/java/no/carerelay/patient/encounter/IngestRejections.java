package no.carerelay.patient.encounter;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records refused messages for operators: channel, type, sender, control id and the reason. Written on its own,
 * after the refused message's transaction (if any) rolled back; the reason never quotes the message.
 */
@Component
public class IngestRejections {

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    IngestRejections(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** @param reasonCode a short stable code for the metric, e.g. invalid-national-id */
    public void record(String channel, String messageType, String sender, String controlId, String reasonCode, String reason) {
        jdbc.sql("INSERT INTO ingest_rejection (id, channel, message_type, sender, control_id, reason) VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), channel, truncate(messageType, 40), truncate(sender, 200), truncate(controlId, 200),
                        truncate(reasonCode + ": " + reason, 1000))
                .update();
        meters.counter("carerelay.ingest.rejected", "channel", channel, "reason", reasonCode).increment();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
