package no.carerelay.collaboration.handover;

/** A handover case's state, named as FHIR Task statuses are. */
enum HandoverStatus {
    REQUESTED, RECEIVED, ACCEPTED, REJECTED, CANCELLED, COMPLETED
}
