package no.carerelay.notification.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log for operators: what was sent where and how it went, without the payload. */
@RestController
class DeliveryLogController {

    record DeliveryEntry(UUID id, UUID subscriptionId, UUID eventId, String eventType, String municipality, String status, int attempts,
            Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt, Instant nextAttemptAt) {
    }

    private final JdbcClient jdbc;

    DeliveryLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/api/v1/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeliveryEntry> deliveries(@RequestParam(required = false) String municipality, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !status.matches("PENDING|IN_FLIGHT|DELIVERED|RETRYING|PARKED")) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("status",
                    "must be one of PENDING, IN_FLIGHT, DELIVERED, RETRYING, PARKED")));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("limit", "must be between 1 and 1000")));
        }
        return jdbc.sql("""
                        SELECT id, subscription_id, event_id, event_type, municipality, status, attempts, last_status_code, last_error,
                               created_at, delivered_at, next_attempt_at
                        FROM webhook_delivery
                        WHERE (CAST(? AS TEXT) IS NULL OR municipality = ?) AND (CAST(? AS TEXT) IS NULL OR status = ?)
                        ORDER BY seq DESC LIMIT ?""")
                .params(municipality, municipality, status, status, limit)
                .query((rs, row) -> new DeliveryEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8), rs.getString(9),
                        instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
