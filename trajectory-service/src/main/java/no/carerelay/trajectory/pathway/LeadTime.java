package no.carerelay.trajectory.pathway;

import no.carerelay.contracts.trajectory.DeadlineInterval;

/**
 * One standard lead time (forløpstid) in calendar days.
 *
 * @param treatment for OF3/OF4 the treatment it applies to; null for OF1/OF2, and for an OF4 that ends at the
 *                  clinical decision (the diagnostic pathway)
 * @param source    where the figure comes from, so a reviewer can check it
 */
public record LeadTime(DeadlineInterval interval, TreatmentType treatment, int days, String source) {

    public LeadTime {
        if (interval == null || interval == DeadlineInterval.SP2 || interval == DeadlineInterval.SP3) {
            throw new IllegalArgumentException("a lead time is one of OF1-OF4");
        }
        if (days < 0 || days > 366) {
            throw new IllegalArgumentException("lead time days must be 0-366, was " + days);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every lead time names its source");
        }
    }
}
