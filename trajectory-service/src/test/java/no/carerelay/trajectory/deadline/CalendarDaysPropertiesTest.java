package no.carerelay.trajectory.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Properties of the calendar-day deadline arithmetic, over random dates 2015-2045 (thousands of DST changes) with a
 * fixed seed per repetition, so a failure reproduces.
 */
class CalendarDaysPropertiesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalDate FIRST = LocalDate.of(2015, 1, 1);
    private static final int SPAN_DAYS = 30 * 365;

    @RepeatedTest(20)
    void shouldNeverMoveADeadlineEarlierForALaterStartOrALongerStandard(RepetitionInfo repetition) {
        Random random = new Random(4_000 + repetition.getCurrentRepetition());
        for (int i = 0; i < 5_000; i++) {
            LocalDate start = FIRST.plusDays(random.nextInt(SPAN_DAYS));
            int days = random.nextInt(400);
            int laterBy = 1 + random.nextInt(40);
            int longerBy = 1 + random.nextInt(40);
            Instant due = CalendarDays.endOf(CalendarDays.dueDate(start, days), OSLO);
            assertThat(CalendarDays.endOf(CalendarDays.dueDate(start.plusDays(laterBy), days), OSLO)).as("later start %s +%d", start, laterBy)
                    .isAfter(due);
            assertThat(CalendarDays.endOf(CalendarDays.dueDate(start, days + longerBy), OSLO)).as("longer standard %s %d", start, days)
                    .isAfter(due);
        }
    }

    @RepeatedTest(20)
    void shouldPassEveryDeadlineAtOsloMidnightOnTheDayAfterTheLastDayWhateverTheOffset(RepetitionInfo repetition) {
        Random random = new Random(5_000 + repetition.getCurrentRepetition());
        for (int i = 0; i < 5_000; i++) {
            LocalDate start = FIRST.plusDays(random.nextInt(SPAN_DAYS));
            int days = random.nextInt(400);
            LocalDate last = CalendarDays.dueDate(start, days);
            Instant passes = CalendarDays.endOf(last, OSLO);
            assertThat(passes.atZone(OSLO).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(passes.atZone(OSLO).toLocalDate()).isEqualTo(last.plusDays(1));
            assertThat(passes.minusNanos(1).atZone(OSLO).toLocalDate()).as("the whole last day counts").isEqualTo(last);
            assertThat(CalendarDays.between(start, last)).isEqualTo(days);
        }
    }

    @RepeatedTest(10)
    void shouldWarnBeforeTheDeadlinePassesByTheLeadInCalendarDays(RepetitionInfo repetition) {
        Random random = new Random(6_000 + repetition.getCurrentRepetition());
        for (int i = 0; i < 5_000; i++) {
            LocalDate last = FIRST.plusDays(random.nextInt(SPAN_DAYS));
            int leadDays = random.nextInt(10);
            Instant warn = CalendarDays.warningAt(last, Period.ofDays(leadDays), OSLO);
            Instant passes = CalendarDays.endOf(last, OSLO);
            assertThat(warn).isBeforeOrEqualTo(passes);
            // a calendar day is 23, 24 or 25 hours; only one clock change fits in a 10-day lead
            assertThat(Duration.between(warn, passes)).isBetween(Duration.ofHours(24L * leadDays - 1), Duration.ofHours(24L * leadDays + 1));
            assertThat(warn.atZone(OSLO).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        }
    }

    @Test
    void shouldGiveA23HourDayItsOwnDeadlineWhenTheClocksGoForward() {
        // 29 March 2026 has 23 hours in Oslo: the deadline for a last day of 29 March is 00:00 CEST on 30 March = 22:00Z
        assertThat(CalendarDays.endOf(LocalDate.of(2026, 3, 29), OSLO)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(CalendarDays.endOf(LocalDate.of(2026, 3, 28), OSLO)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    }

    @Test
    void shouldGiveA25HourDayItsOwnDeadlineWhenTheClocksGoBack() {
        // 25 October 2026 has 25 hours: 00:00 CET on 26 October = 23:00Z, 25 hours after 00:00 CEST on the 25th (22:00Z on the 24th)
        assertThat(CalendarDays.endOf(LocalDate.of(2026, 10, 25), OSLO)).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(CalendarDays.endOf(LocalDate.of(2026, 10, 24), OSLO), CalendarDays.endOf(LocalDate.of(2026, 10, 25), OSLO)))
                .isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldCountCalendarDaysIncludingWeekendsAndHolidays() {
        // colorectal OF1 9 days (domain brief §1 table): referral Thursday 24 Dec 2026 -> first visit on Saturday 2 Jan 2027 at the latest
        assertThat(CalendarDays.dueDate(LocalDate.of(2026, 12, 24), 9)).isEqualTo(LocalDate.of(2027, 1, 2));
    }
}
