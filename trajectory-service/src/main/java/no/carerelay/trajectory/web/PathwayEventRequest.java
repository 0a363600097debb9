package no.carerelay.trajectory.web;

import java.time.LocalDate;

/**
 * A pathway coordinator registers a milestone.
 *
 * @param code             NPR code (e.g. A12S, A12CK, A12FK) or SP1/SP2/SP3 for Pakkeforløp hjem
 * @param eventDate        the date NPR asks for with the code (referral received, first visit, decision, first treatment day)
 * @param municipality     kommunenummer; required with a start code (suffix A)
 * @param hospital         the registering health trust; required with NPR codes
 * @param plannedTreatment with CK: SURGERY, DRUG or RADIOTHERAPY (optional)
 */
record PathwayEventRequest(String code, LocalDate eventDate, String municipality, Hospital hospital, String plannedTreatment) {

    record Hospital(String organisationNumber, String herId, String name) {
    }
}
