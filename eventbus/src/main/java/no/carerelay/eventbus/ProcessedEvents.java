package no.carerelay.eventbus;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbox table: whether a consumer has already applied an event. */
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event as processed; false when it already was (a redelivery). Call inside the transaction. */
    boolean markProcessed(String consumer, UUID eventId, String eventType) {
        return jdbc.sql("INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(consumer, eventId, eventType)
                .update() == 1;
    }
}
