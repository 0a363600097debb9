package no.carerelay.contracts.patient;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * The patient moved within or between hospitals (HL7 A02).
 *
 * @param toHospital the receiving hospital; equal to {@code hospital} for a move between wards
 */
public record PatientTransferred(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        OrganisationRef toHospital,
        Instant transferredAt) {

    public PatientTransferred {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        Require.present(toHospital, "toHospital");
        Require.present(transferredAt, "transferredAt");
    }
}
