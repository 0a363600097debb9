package no.carerelay.collaboration.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import no.carerelay.collaboration.handover.HandoverCase;
import no.carerelay.collaboration.handover.HandoverHistoryEntry;
import no.carerelay.collaboration.handover.HandoverStatus;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.HandoverReason;

/**
 * A handover case as the addressed municipality sees it. {@code allowedTransitions} are the states it can move the
 * case to now; {@code costExposure} is set for discharge-ready cases left unanswered past their deadline.
 */
record HandoverCaseResponse(
        UUID id,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        String receivingService,
        HandoverReason reason,
        String needed,
        Instant dueAt,
        boolean overdue,
        OrganisationRef requestedBy,
        HandoverStatus status,
        Set<HandoverStatus> allowedTransitions,
        Instant openedAt,
        Step received,
        Step accepted,
        LocalDate plannedStart,
        Step rejected,
        String rejectionReason,
        LocalDate proposedDate,
        Step cancelled,
        String cancellationReason,
        Step completed,
        Instant escalatedAt,
        CostExposure costExposure,
        List<HandoverHistoryEntry> history) {

    /** Who did it (a user id; null when the system did) and when. */
    record Step(String by, Instant at) {
        static Step of(String by, Instant at) {
            return at == null ? null : new Step(by, at);
        }
    }

    record CostExposure(LocalDate declaredOn, long days, BigDecimal amountNok) {
    }

    static HandoverCaseResponse of(HandoverCase c, Instant now, CostExposure exposure, List<HandoverHistoryEntry> history) {
        return new HandoverCaseResponse(c.id(), c.requirementId(), c.patientPseudonym(), c.municipality(), c.receivingService(), c.reason(),
                c.needed(), c.dueAt(), c.status().unanswered() && !now.isBefore(c.dueAt()), c.requestedBy(), c.status(),
                c.status().nextByMunicipality(), c.openedAt(), Step.of(c.receivedBy(), c.receivedAt()), Step.of(c.acceptedBy(), c.acceptedAt()),
                c.plannedStart(), Step.of(c.rejectedBy(), c.rejectedAt()), c.rejectionReason(), c.proposedDate(),
                Step.of(null, c.cancelledAt()), c.cancellationReason(), Step.of(c.completedBy(), c.completedAt()), c.escalatedAt(), exposure,
                history);
    }
}
