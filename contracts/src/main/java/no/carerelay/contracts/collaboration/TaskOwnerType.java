package no.carerelay.contracts.collaboration;

/** Who a task belongs to: one person (a user id), a care-team role for the patient, or an organisation. */
public enum TaskOwnerType {
    /** owner is a user id */
    PERSON,
    /** owner is a care-team role, e.g. MUNICIPAL_CANCER_COORDINATOR */
    ROLE,
    /** owner is a nine-digit organisation number */
    ORGANISATION
}
