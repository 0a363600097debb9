package no.carerelay.collaboration.handover;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The municipality's payment obligation for a discharge-ready patient it has not answered (FOR-2011-11-18-1115
 * § 13): the daily rate for every calendar day from and including the day the patient was declared
 * discharge-ready, counted once the same-day answer deadline (§ 11) has passed unanswered.
 */
public final class DischargeReadyCost {

    private DischargeReadyCost() {
    }

    /** Calendar days owed by {@code today}, the declaration day included; never negative. */
    public static long daysOwed(LocalDate declaredOn, LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(declaredOn, today) + 1);
    }

    public static BigDecimal amount(long days, BigDecimal dailyRate) {
        return dailyRate.multiply(BigDecimal.valueOf(days));
    }
}
