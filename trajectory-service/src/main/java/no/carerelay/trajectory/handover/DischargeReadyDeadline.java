package no.carerelay.trajectory.handover;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Forskrift om kommunal betaling for utskrivningsklare pasienter § 11: the municipality answers a
 * discharge-ready notice the same day. "The same day" is the calendar day in Norway, so the deadline is the next
 * local midnight in Europe/Oslo after the declaration, whatever the offset (CET/CEST) that day.
 */
final class DischargeReadyDeadline {

    private DischargeReadyDeadline() {
    }

    static Instant answerDue(Instant declaredAt, ZoneId zone) {
        return declaredAt.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }
}
