package no.carerelay.collaboration.handover;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.HandoverReason;

/** One handover case as stored; who did what and when is in the *At/*By pairs and in the history. */
public record HandoverCase(
        UUID id,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        String receivingService,
        HandoverReason reason,
        String needed,
        Instant dueAt,
        OrganisationRef requestedBy,
        HandoverStatus status,
        Instant openedAt,
        LocalDate declaredOn,
        Instant receivedAt,
        String receivedBy,
        Instant acceptedAt,
        String acceptedBy,
        LocalDate plannedStart,
        Instant rejectedAt,
        String rejectedBy,
        String rejectionReason,
        LocalDate proposedDate,
        Instant cancelledAt,
        String cancellationReason,
        Instant completedAt,
        String completedBy,
        Instant escalatedAt) {
}
