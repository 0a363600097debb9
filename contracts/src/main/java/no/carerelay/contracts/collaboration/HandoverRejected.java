package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** The municipality cannot take over as asked (FHIR Task status rejected), with its reason. */
public record HandoverRejected(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String rejectedBy,
        String rejectionReason,
        LocalDate proposedDate,
        Instant rejectedAt) {

    public HandoverRejected {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.text(rejectedBy, "rejectedBy");
        Require.text(rejectionReason, "rejectionReason");
        Require.present(rejectedAt, "rejectedAt");
    }
}
