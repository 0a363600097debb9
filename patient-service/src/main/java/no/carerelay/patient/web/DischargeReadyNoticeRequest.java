package no.carerelay.patient.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON channel's discharge-ready notice, as the hospital sends it.
 *
 * @param nationalId            fødselsnummer, D-number or H-number (11 digits)
 * @param municipality          kommunenummer of the municipality of residence
 * @param visitNumber           the hospital's own id of the stay (PV1-19 in HL7 terms)
 * @param declaredAt            when the patient was declared discharge-ready
 * @param expectedDischargeDate optional
 * @param careNeeds             optional, e.g. HOME_NURSING, PRACTICAL_ASSISTANCE, NURSING_HOME
 * @param generalPractitioner   optional: the patient's GP practice (organisation number, name)
 */
record DischargeReadyNoticeRequest(
        String nationalId,
        String municipality,
        Hospital hospital,
        String visitNumber,
        Instant declaredAt,
        LocalDate expectedDischargeDate,
        List<String> careNeeds,
        Hospital generalPractitioner) {

    record Hospital(String organisationNumber, String herId, String name) {
    }
}
