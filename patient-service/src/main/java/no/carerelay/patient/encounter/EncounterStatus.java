package no.carerelay.patient.encounter;

/** Where a hospital stay is; the commands below move it. */
enum EncounterStatus {
    ADMITTED, DISCHARGE_READY, DISCHARGED, CANCELLED
}
