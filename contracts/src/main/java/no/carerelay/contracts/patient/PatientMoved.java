package no.carerelay.contracts.patient;

import java.time.Instant;

import no.carerelay.contracts.Require;

/** The patient's municipality of residence changed: open handovers may need a new addressee. Topic patient.registry.v1. */
public record PatientMoved(String patientPseudonym, String fromMunicipality, String toMunicipality, Instant movedAt) {

    public PatientMoved {
        Require.pseudonym(patientPseudonym);
        Require.kommunenummer(fromMunicipality, "fromMunicipality");
        Require.kommunenummer(toMunicipality, "toMunicipality");
        Require.present(movedAt, "movedAt");
    }
}
