package no.carerelay.contracts.trajectory;

/** Why responsibility must move to the municipality. */
public enum HandoverReason {
    /** Melding om utskrivningsklar pasient: the municipality must answer the same day. */
    DISCHARGE_READY,
    /** Pakkeforløp hjem SP1 done in hospital: the municipality must plan SP2. */
    SP1_COMPLETED,
    /** Pakkeforløp hjem SP2 (3-4 months after diagnosis) is due in the municipality. */
    SP2_DUE,
    /** Pakkeforløp hjem SP3 (12-18 months after diagnosis) is due in the municipality. */
    SP3_DUE
}
