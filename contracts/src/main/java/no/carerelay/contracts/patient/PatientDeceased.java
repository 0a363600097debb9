package no.carerelay.contracts.patient;

import java.time.Instant;

import no.carerelay.contracts.Require;

/** The hospital reported the patient's death: pathways end, open handovers are cancelled. Topic patient.registry.v1. */
public record PatientDeceased(String patientPseudonym, String municipality, Instant deceasedAt) {

    public PatientDeceased {
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(municipality, "municipality");
        Require.present(deceasedAt, "deceasedAt");
    }
}
