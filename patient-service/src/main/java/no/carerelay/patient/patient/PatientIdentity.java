package no.carerelay.patient.patient;

import no.carerelay.contracts.OrganisationRef;

/**
 * Who the message is about, as the hospital identified them.
 *
 * @param municipality        kommunenummer of residence, already checked against the municipality list
 * @param generalPractitioner the GP's practice where the message names it; null otherwise
 */
public record PatientIdentity(NationalId nationalId, String municipality, OrganisationRef generalPractitioner) {
}
