package no.carerelay.notification.delivery;

import java.time.Instant;

/** The Standard Webhooks payload shape: the event type, when it happened, and its data as on the bus. */
record WebhookPayload(String type, Instant timestamp, Object data) {
}
