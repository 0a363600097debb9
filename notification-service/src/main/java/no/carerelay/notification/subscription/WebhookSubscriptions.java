package no.carerelay.notification.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stores webhook subscriptions; the secret leaves this service only in the response that created it. */
@Service
public class WebhookSubscriptions {

    private static final String COLUMNS = "id, municipality, url, secret, event_types, active, created_at";
    private static final RowMapper<WebhookSubscription> ROW = WebhookSubscriptions::map;

    private final JdbcClient jdbc;

    WebhookSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param secret the subscriber's own secret, or null to generate one */
    public WebhookSubscription create(String municipality, String url, List<String> eventTypes, String secret) {
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID(), municipality, url,
                secret != null ? secret : WebhookSecret.generate(), List.copyOf(eventTypes), true, Instant.now());
        jdbc.sql("INSERT INTO webhook_subscription (id, municipality, url, secret, event_types, active, created_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)")
                .params(subscription.id(), municipality, url, subscription.secret(), eventTypes.toArray(String[]::new),
                        Timestamp.from(subscription.createdAt()))
                .update();
        return subscription;
    }

    public List<WebhookSubscription> list(String municipality) {
        return municipality == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription ORDER BY created_at").query(ROW).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription WHERE municipality = ? ORDER BY created_at")
                        .param(municipality).query(ROW).list();
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = ?").param(id).query(ROW).optional();
    }

    /** @return false when there is no such subscription */
    public boolean deactivate(UUID id) {
        return jdbc.sql("UPDATE webhook_subscription SET active = FALSE WHERE id = ?").param(id).update() == 1;
    }

    /**
     * Replaces the secret. The previous one keeps signing beside it (a second {@code v1,} signature) until
     * {@code overlap} has passed, so the receiver can switch to the new one without refusing a webhook.
     *
     * @param secret the subscriber's own new secret, or null to generate one
     * @return the subscription with its new secret; empty when there is no such subscription
     */
    public Optional<Rotation> rotate(UUID id, String secret, Duration overlap) {
        String next = secret != null ? secret : WebhookSecret.generate();
        Instant previousExpiresAt = Instant.now().plus(overlap);
        int updated = jdbc.sql("""
                        UPDATE webhook_subscription SET previous_secret = secret, previous_secret_expires_at = ?, secret = ?
                        WHERE id = ? AND active""")
                .params(Timestamp.from(previousExpiresAt), next, id)
                .update();
        return updated == 1 ? find(id).map(subscription -> new Rotation(subscription, previousExpiresAt)) : Optional.empty();
    }

    /** A rotated subscription and when its previous secret stops signing. */
    public record Rotation(WebhookSubscription subscription, Instant previousSecretExpiresAt) {
    }

    /** Changes where an active subscription's webhooks go and which event types it wants; deliveries not yet sent follow. */
    public Optional<WebhookSubscription> update(UUID id, String url, List<String> eventTypes) {
        int updated = jdbc.sql("UPDATE webhook_subscription SET url = ?, event_types = ? WHERE id = ? AND active")
                .params(url, eventTypes.toArray(String[]::new), id)
                .update();
        return updated == 1 ? find(id) : Optional.empty();
    }

    /** The active subscriptions of one municipality that want this event type. */
    public List<WebhookSubscription> subscribers(String municipality, String eventType) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscription WHERE municipality = ? AND active AND ? = ANY (event_types)")
                .params(municipality, eventType)
                .query(ROW).list();
    }

    private static WebhookSubscription map(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookSubscription(rs.getObject("id", UUID.class), rs.getString("municipality"), rs.getString("url"),
                rs.getString("secret"), Arrays.asList((String[]) types.getArray()), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
