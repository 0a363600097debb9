package no.carerelay.collaboration.needs;

/** The needs-assessment tools Pakkeforløp hjem and the palliative programme use. */
public enum Instrument {
    /** "Termometer for grad av påkjenning": one score 0-10 (key DISTRESS) plus a problem list */
    DISTRESS_THERMOMETER,
    /** Edmonton Symptom Assessment System, revised: 0-10 per symptom, 0 = none/best, 10 = worst */
    ESAS_R
}
