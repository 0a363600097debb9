package no.carerelay.contracts.notification;

/** How one delivery attempt ended. */
public enum DeliveryOutcome {
    DELIVERED,
    /** Failed; will be tried again. */
    RETRYING,
    /** Given up after the retry budget or a permanent refusal; an operator can replay it. */
    PARKED
}
