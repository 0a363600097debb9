package no.carerelay.contracts.trajectory;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * Trajectory-service decided that a municipality must take over or answer.
 *
 * @param requirementId  one handover case is opened per requirement
 * @param municipality   kommunenummer of the addressed municipality
 * @param needed         what the municipality is asked to do, in words a coordinator reads
 * @param dueAt          the deadline; for DISCHARGE_READY the end of the same day in Europe/Oslo
 * @param requestedBy    the hospital that triggered it
 * @param causationId    the id of the event that caused this requirement
 */
public record HandoverRequired(
        UUID requirementId,
        String patientPseudonym,
        String municipality,
        HandoverReason reason,
        String needed,
        Instant dueAt,
        OrganisationRef requestedBy,
        UUID causationId) {

    public HandoverRequired {
        Require.present(requirementId, "requirementId");
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(reason, "reason");
        Require.text(needed, "needed");
        Require.present(dueAt, "dueAt");
        Require.present(requestedBy, "requestedBy");
        Require.present(causationId, "causationId");
    }
}
