package no.carerelay.notification.delivery;

import java.util.UUID;

/** A delivery leased to this dispatcher for one attempt. */
record ClaimedDelivery(UUID id, UUID eventId, String eventType, String patientPseudonym, String municipality, String url, String secret,
        String payload, int attempt) {

    @Override
    public String toString() {
        return "ClaimedDelivery[id=" + id + ", eventType=" + eventType + ", attempt=" + attempt + "]";
    }
}
