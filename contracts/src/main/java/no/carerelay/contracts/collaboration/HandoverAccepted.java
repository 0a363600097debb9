package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** The municipality takes over (FHIR Task status accepted): responsibility moves to it. */
public record HandoverAccepted(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String acceptedBy,
        LocalDate plannedStart,
        Instant acceptedAt) {

    public HandoverAccepted {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.text(acceptedBy, "acceptedBy");
        Require.present(acceptedAt, "acceptedAt");
    }
}
