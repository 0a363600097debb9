package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;
import no.carerelay.contracts.trajectory.HandoverReason;

/** Unanswered at its deadline: the municipal cancer coordinator and the hospital's pathway coordinator must act. */
public record HandoverEscalated(
        UUID caseId,
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        Instant dueAt,
        OrganisationRef requestedBy,
        Instant escalatedAt) {

    public HandoverEscalated {
        Require.present(caseId, "caseId");
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.present(dueAt, "dueAt");
        Require.present(requestedBy, "requestedBy");
        Require.present(escalatedAt, "escalatedAt");
    }
}
