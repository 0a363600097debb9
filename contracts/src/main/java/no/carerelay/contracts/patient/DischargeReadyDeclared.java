package no.carerelay.contracts.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * The hospital declared the patient discharge-ready (utskrivningsklar). From this day the municipality pays
 * the daily rate unless it answers, so the receiver must act the same day.
 *
 * @param encounterId           CareRelay's id of the hospital stay (not the hospital's visit number)
 * @param municipality          kommunenummer of the municipality of residence
 * @param expectedDischargeDate optional
 * @param careNeeds             what the municipality is asked to provide, e.g. HOME_NURSING; may be empty
 */
public record DischargeReadyDeclared(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        Instant declaredAt,
        LocalDate expectedDischargeDate,
        List<String> careNeeds) {

    public DischargeReadyDeclared {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        Require.present(declaredAt, "declaredAt");
        careNeeds = careNeeds == null ? List.of() : List.copyOf(careNeeds);
    }
}
