package no.carerelay.contracts.patient;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * The patient left the hospital (HL7 A03, FHIR Encounter finished).
 *
 * @param disposition where to, as HL7 table 0112 / FHIR discharge-disposition code (e.g. home, other-hcf, hosp,
 *                    long, exp); optional
 */
public record PatientDischarged(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        Instant dischargedAt,
        String disposition) {

    public PatientDischarged {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        Require.present(dischargedAt, "dischargedAt");
    }
}
