package no.carerelay.patient.encounter;

import java.util.UUID;

/**
 * What the sender is told once its message is durable.
 *
 * @param duplicate true when the same message (same idempotency key) had already been accepted; nothing new happened
 */
public record IngestReceipt(UUID messageId, UUID eventId, UUID encounterId, String patientPseudonym, boolean duplicate) {
}
