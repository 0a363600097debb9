package no.carerelay.patient.patient;

/** The kinds of Norwegian person number patient-service accepts. */
public enum NationalIdKind {
    /** fødselsnummer, issued by Folkeregisteret. */
    FODSELSNUMMER,
    /** D-number for foreign nationals: first digit + 4 (day 41-71). */
    D_NUMBER,
    /** H-number, internal to one organisation: third digit + 4 (month 41-52). Never sent outside it. */
    H_NUMBER
}
