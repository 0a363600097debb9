package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** The case is no longer needed (FHIR Task status cancelled), e.g. the discharge-ready notice was withdrawn. */
public record HandoverCancelled(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        CancellationReason cancellationReason,
        UUID causationId,
        Instant cancelledAt) {

    public HandoverCancelled {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.present(cancellationReason, "cancellationReason");
        Require.present(cancelledAt, "cancelledAt");
    }
}
