package no.carerelay.contracts.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * The hospital admitted the patient (HL7 A01, FHIR Encounter in-progress). For a user of municipal services the
 * municipality must hear within 24 hours (early report).
 *
 * @param expectedDischargeDate optional (PV2-9)
 */
public record PatientAdmitted(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        PatientClass patientClass,
        Instant admittedAt,
        LocalDate expectedDischargeDate) {

    public PatientAdmitted {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        Require.present(patientClass, "patientClass");
        Require.present(admittedAt, "admittedAt");
    }
}
