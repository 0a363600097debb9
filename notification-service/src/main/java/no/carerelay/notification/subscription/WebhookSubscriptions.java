package no.carerelay.notification.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
