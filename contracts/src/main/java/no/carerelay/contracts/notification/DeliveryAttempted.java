package no.carerelay.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;

/**
 * One attempt to deliver one event to one subscriber.
 *
 * @param deliveryId   stable over attempts; it is the {@code webhook-id} the receiver sees
 * @param eventId      the CloudEvent id of what was delivered
 * @param channel      WEBHOOK, EMAIL or SMS
 * @param statusCode   the receiver's HTTP status; absent when no response came
 * @param latencyMillis time from sending to the receiver's answer
 */
public record DeliveryAttempted(
        UUID deliveryId,
        UUID eventId,
        String patientPseudonym,
        String municipality,
        String channel,
        int attempt,
        DeliveryOutcome outcome,
        Integer statusCode,
        long latencyMillis,
        Instant attemptedAt) {

    public DeliveryAttempted {
        Require.present(deliveryId, "deliveryId");
        Require.present(eventId, "eventId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.text(channel, "channel");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        Require.present(outcome, "outcome");
        Require.present(attemptedAt, "attemptedAt");
    }
}
