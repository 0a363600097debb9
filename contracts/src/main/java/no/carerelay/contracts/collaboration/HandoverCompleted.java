package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** The handover is done (FHIR Task status completed). */
public record HandoverCompleted(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String completedBy,
        Instant completedAt) {

    public HandoverCompleted {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.present(completedAt, "completedAt");
    }
}
