package no.carerelay.contracts.collaboration;

/** FHIR Task priority codes, least to most pressing. */
public enum TaskPriority {
    ROUTINE, URGENT, ASAP, STAT
}
