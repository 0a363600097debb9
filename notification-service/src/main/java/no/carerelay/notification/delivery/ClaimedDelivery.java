package no.carerelay.notification.delivery;

import java.util.UUID;

/**
 * A delivery leased to this dispatcher for one attempt.
 *
 * @param previousSecret the secret being rotated out while it still signs beside the new one, else null
 */
record ClaimedDelivery(UUID id, UUID subscriptionId, UUID eventId, String eventType, String patientPseudonym, String municipality, String url,
        String secret, String previousSecret, String payload, int attempt) {

    @Override
    public String toString() {
        return "ClaimedDelivery[id=" + id + ", subscriptionId=" + subscriptionId + ", eventType=" + eventType + ", attempt=" + attempt + "]";
    }
}
