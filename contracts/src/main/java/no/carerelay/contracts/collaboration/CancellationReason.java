package no.carerelay.contracts.collaboration;

/** Why a handover case was cancelled. */
public enum CancellationReason {
    /** the hospital withdrew the discharge-ready notice */
    DISCHARGE_READY_WITHDRAWN,
    /** the hospital cancelled the admission or discharge the case rests on */
    ENCOUNTER_CANCELLED,
    PATIENT_DECEASED,
    /** a newer requirement for the same patient and purpose replaced it */
    SUPERSEDED,
    /** the requesting side withdrew the request */
    BY_REQUESTER
}
