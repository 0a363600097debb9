package no.carerelay.contracts.trajectory;

/** The interval a deadline belongs to. */
public enum DeadlineInterval {
    /** referral received -> first visit in the investigating department */
    OF1,
    /** first visit -> investigation completed (clinical decision) */
    OF2,
    /** clinical decision -> treatment start, per treatment type */
    OF3,
    /** referral received -> treatment start, per treatment type (the national 70 % target is measured on it) */
    OF4,
    /** Pakkeforløp hjem: needs assessment in the municipality about 3-4 months after diagnosis */
    SP2,
    /** Pakkeforløp hjem: needs assessment in the municipality about 12-18 months after diagnosis */
    SP3
}
