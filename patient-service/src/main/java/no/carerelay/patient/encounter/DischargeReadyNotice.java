package no.carerelay.patient.encounter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.patient.patient.NationalId;

/** A validated notice that the hospital declared a patient discharge-ready, whichever channel it came by. */
public record DischargeReadyNotice(
        NationalId nationalId,
        String municipality,
        OrganisationRef hospital,
        String visitNumber,
        Instant declaredAt,
        LocalDate expectedDischargeDate,
        List<String> careNeeds) {
}
