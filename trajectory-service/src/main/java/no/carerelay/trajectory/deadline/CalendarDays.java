package no.carerelay.trajectory.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Lead times are counted in calendar days between the dates of two registrations (the directorate's
 * "kalenderdager": date of the later code minus date of the earlier one; weekends and holidays count). A
 * standard of N days is kept when the awaited event is registered on or before start + N, so the deadline
 * passes at the end of that day: 00:00 in Europe/Oslo on the next day, whatever the UTC offset (CET or CEST)
 * or the length of the day (23 or 25 hours when the clocks change).
 */
public final class CalendarDays {

    private CalendarDays() {
    }

    /** The last day within the standard. */
    public static LocalDate dueDate(LocalDate from, int days) {
        return from.plusDays(days);
    }

    /** The instant the deadline passes: the start of the day after {@code dueDate}, in {@code zone}. */
    public static Instant endOf(LocalDate dueDate, ZoneId zone) {
        return dueDate.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** When to warn: {@code lead} calendar days before the deadline passes, at local midnight (e.g. P2D: at the start of the day before the due day). */
    public static Instant warningAt(LocalDate dueDate, Period lead, ZoneId zone) {
        return endOf(dueDate.minus(lead), zone);
    }

    /** Calendar days from one registration date to another, as NPR counts them. */
    public static int between(LocalDate from, LocalDate to) {
        return Math.toIntExact(ChronoUnit.DAYS.between(from, to));
    }

    public static boolean within(LocalDate from, LocalDate to, int standardDays) {
        return between(from, to) <= standardDays;
    }
}
