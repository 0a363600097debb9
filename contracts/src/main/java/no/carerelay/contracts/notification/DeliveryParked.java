package no.carerelay.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;

/**
 * A delivery was given up (retry budget spent, or a refusal that will recur) and waits for an operator's replay.
 *
 * @param deliveryId     stable over attempts and replays; the {@code webhook-id} the receiver sees
 * @param subscriptionId the endpoint it was for (also the Resilience4j instance name in the metrics)
 * @param attempts       attempts made before parking
 * @param reason         why, in words chosen by the service (e.g. {@code HTTP 400}); never the receiver's answer text
 */
public record DeliveryParked(
        UUID deliveryId,
        UUID eventId,
        UUID subscriptionId,
        String patientPseudonym,
        String municipality,
        String channel,
        int attempts,
        String reason,
        Instant parkedAt) {

    public DeliveryParked {
        Require.present(deliveryId, "deliveryId");
        Require.present(eventId, "eventId");
        Require.present(subscriptionId, "subscriptionId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.text(channel, "channel");
        if (attempts < 1) {
            throw new IllegalArgumentException("a parked delivery was attempted at least once");
        }
        Require.text(reason, "reason");
        Require.present(parkedAt, "parkedAt");
    }
}
