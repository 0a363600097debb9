package no.carerelay.notification.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.notification.delivery.WebhookDeliveries;

/**
 * The delivery log for operators: what was sent where, every attempt with its outcome and latency, why a delivery was
 * parked; and the replay of parked ones. Never the payload.
 */
@RestController
class DeliveryLogController {

    record DeliveryEntry(UUID id, UUID subscriptionId, UUID eventId, String eventType, String municipality, String status, int attempts,
            Integer lastStatusCode, String lastError, Long lastLatencyMs, String parkedReason, Instant createdAt, Instant deliveredAt,
            Instant nextAttemptAt) {
    }

    record AttemptEntry(int attempt, String outcome, Integer statusCode, String error, long latencyMs, Instant attemptedAt) {
    }

    record DeliveryDetail(DeliveryEntry delivery, List<AttemptEntry> attempts) {
    }

    private static final String COLUMNS = """
            id, subscription_id, event_id, event_type, municipality, status, attempts, last_status_code, last_error, last_latency_ms,
            parked_reason, created_at, delivered_at, next_attempt_at""";

    private final JdbcClient jdbc;
    private final WebhookDeliveries deliveries;

    DeliveryLogController(JdbcClient jdbc, WebhookDeliveries deliveries) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
    }

    @GetMapping(path = "/api/v1/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeliveryEntry> deliveries(@RequestParam(required = false) String municipality, @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID subscription, @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !status.matches("PENDING|IN_FLIGHT|DELIVERED|RETRYING|PARKED")) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("status",
                    "must be one of PENDING, IN_FLIGHT, DELIVERED, RETRYING, PARKED")));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("limit", "must be between 1 and 1000")));
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM webhook_delivery
                        WHERE (CAST(? AS TEXT) IS NULL OR municipality = ?) AND (CAST(? AS TEXT) IS NULL OR status = ?)
                          AND (CAST(? AS UUID) IS NULL OR subscription_id = ?)
                        ORDER BY seq DESC LIMIT ?""")
                .params(municipality, municipality, status, status, subscription, subscription, limit)
                .query(DeliveryLogController::entry)
                .list();
    }

    @GetMapping(path = "/api/v1/deliveries/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    DeliveryDetail delivery(@PathVariable UUID id) {
        DeliveryEntry entry = jdbc.sql("SELECT " + COLUMNS + " FROM webhook_delivery WHERE id = ?").param(id)
                .query(DeliveryLogController::entry).optional()
                .orElseThrow(() -> new NotFoundException("delivery " + id));
        List<AttemptEntry> attempts = jdbc.sql("""
                        SELECT attempt, outcome, status_code, error, latency_ms, attempted_at FROM webhook_delivery_attempt
                        WHERE delivery_id = ? ORDER BY id""")
                .param(id)
                .query((rs, row) -> new AttemptEntry(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getLong(5),
                        instant(rs.getTimestamp(6))))
                .list();
        return new DeliveryDetail(entry, attempts);
    }

    /** Puts a parked delivery back in the queue with a fresh retry budget; the receiver sees the same webhook-id. */
    @PostMapping(path = "/api/v1/deliveries/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeliveryDetail> replay(@PathVariable UUID id) {
        boolean replayed = deliveries.replay(id).orElseThrow(() -> new NotFoundException("delivery " + id));
        if (!replayed) {
            throw new ConflictException("not-parked", "Only a parked delivery can be replayed; this one is not parked.");
        }
        return ResponseEntity.accepted().body(delivery(id));
    }

    private static DeliveryEntry entry(ResultSet rs, int row) throws SQLException {
        return new DeliveryEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8), rs.getString(9), (Long) rs.getObject(10),
                rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
