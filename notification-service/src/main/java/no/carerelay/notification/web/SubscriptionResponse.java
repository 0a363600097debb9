package no.carerelay.notification.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.carerelay.notification.subscription.WebhookSubscription;

/** A subscription as shown to its owner; the secret only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SubscriptionResponse(UUID id, String municipality, String url, List<String> eventTypes, boolean active, Instant createdAt,
        String secret) {

    static SubscriptionResponse created(WebhookSubscription subscription) {
        return new SubscriptionResponse(subscription.id(), subscription.municipality(), subscription.url(), subscription.eventTypes(),
                subscription.active(), subscription.createdAt(), subscription.secret());
    }

    static SubscriptionResponse shown(WebhookSubscription subscription) {
        return new SubscriptionResponse(subscription.id(), subscription.municipality(), subscription.url(), subscription.eventTypes(),
                subscription.active(), subscription.createdAt(), null);
    }
}
