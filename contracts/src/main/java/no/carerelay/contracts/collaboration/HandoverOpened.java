package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/**
 * A handover case is open in the municipality's inbox, in FHIR Task status {@code requested}.
 *
 * @param caseId        the case the municipality answers through collaboration-service
 * @param requirementId the HandoverRequired it answers
 */
public record HandoverOpened(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String needed,
        Instant dueAt,
        OrganisationRef requestedBy,
        Instant openedAt) {

    public HandoverOpened {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.text(needed, "needed");
        Require.present(dueAt, "dueAt");
        Require.present(requestedBy, "requestedBy");
        Require.present(openedAt, "openedAt");
    }
}
