package no.carerelay.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;

/**
 * An operator put a parked delivery back in the queue; it keeps its {@code deliveryId} (the receiver's webhook-id).
 *
 * @param previousReason why it had been parked
 */
public record DeliveryReplayed(
        UUID deliveryId,
        UUID eventId,
        UUID subscriptionId,
        String patientPseudonym,
        String municipality,
        String channel,
        String previousReason,
        Instant replayedAt) {

    public DeliveryReplayed {
        Require.present(deliveryId, "deliveryId");
        Require.present(eventId, "eventId");
        Require.present(subscriptionId, "subscriptionId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.text(channel, "channel");
        Require.present(replayedAt, "replayedAt");
    }
}
