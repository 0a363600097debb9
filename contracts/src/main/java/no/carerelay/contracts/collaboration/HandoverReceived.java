package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** The addressed municipality has seen the case (FHIR Task status received). */
public record HandoverReceived(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String receivedBy,
        Instant receivedAt) {

    public HandoverReceived {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.text(receivedBy, "receivedBy");
        Require.present(receivedAt, "receivedAt");
    }
}
