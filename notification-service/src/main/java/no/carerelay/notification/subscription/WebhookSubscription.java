package no.carerelay.notification.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A municipality's endpoint for the event types it wants. */
public record WebhookSubscription(UUID id, String municipality, String url, String secret, List<String> eventTypes, boolean active,
        Instant createdAt) {

    @Override
    public String toString() {
        return "WebhookSubscription[id=" + id + ", municipality=" + municipality + ", url=" + url + ", secret=***]";
    }
}
