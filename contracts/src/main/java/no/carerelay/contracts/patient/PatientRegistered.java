package no.carerelay.contracts.patient;

import java.time.Instant;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * patient-service saw this person for the first time and issued a pseudonym. Topic patient.registry.v1.
 *
 * @param generalPractitioner the GP's practice, where the hospital's message names it; optional
 */
public record PatientRegistered(String patientPseudonym, String municipality, OrganisationRef generalPractitioner, Instant registeredAt) {

    public PatientRegistered {
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(registeredAt, "registeredAt");
    }
}
