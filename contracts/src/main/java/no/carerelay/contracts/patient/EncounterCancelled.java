package no.carerelay.contracts.patient;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * An earlier event was entered in error (HL7 A11 cancel admit, A13 cancel discharge; FHIR entered-in-error).
 *
 * @param cancelled ADMISSION or DISCHARGE
 */
public record EncounterCancelled(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        String cancelled,
        Instant cancelledAt) {

    public EncounterCancelled {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        if (!"ADMISSION".equals(cancelled) && !"DISCHARGE".equals(cancelled)) {
            throw new IllegalArgumentException("cancelled must be ADMISSION or DISCHARGE");
        }
        Require.present(cancelledAt, "cancelledAt");
    }
}
