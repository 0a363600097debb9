package no.carerelay.trajectory.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.trajectory.deadline.CalendarDays;

/**
 * Every lead-time rule in the shipped definitions, each with the source row it comes from. The expected figures
 * are typed here from the sources, independently of the JSON files, so a typo in either shows up.
 * DB = ../shared/docs/domain-brief.md §1, table "Lead times (forløpstider, calendar days)".
 */
class LeadTimeRulesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final PathwayCatalog CATALOG = PathwayCatalog.load(List.of("classpath*:pathways/*.json"), List.of("classpath*:home-pathway/*.json"));

    static Stream<Arguments> rules() {
        return Stream.of(
                // pathway, version valid from, interval, treatment, days, source row
                rule("A11", "2021-05-01", "OF1", null, 7, "DB row 'Referral received → first visit', column Breast"),
                rule("A11", "2021-05-01", "OF2", null, 12, "DB row 'First visit → investigation completed', column Breast (12*, from 1 May 2021)"),
                rule("A11", "2021-05-01", "OF3", "SURGERY", 13, "DB row 'Decision → start of surgery / drug / radiotherapy', Breast 13 / 10 / –"),
                rule("A11", "2021-05-01", "OF3", "DRUG", 10, "DB row 'Decision → start of surgery / drug / radiotherapy', Breast 13 / 10 / –"),
                rule("A11", "2021-05-01", "OF4", "SURGERY", 32, "DB row 'Referral → treatment start', Breast 32 / 29 / –"),
                rule("A11", "2021-05-01", "OF4", "DRUG", 29, "DB row 'Referral → treatment start', Breast 32 / 29 / –"),
                rule("A11", "2015-01-01", "OF2", null, 7, "DB footnote *: Breast OF2 was 7 days until 1 May 2021"),
                rule("A11", "2015-01-01", "OF4", "SURGERY", 27, "DB footnote *: Breast OF4 grew by 5 days on 1 May 2021 (32 - 5)"),
                rule("A11", "2015-01-01", "OF4", "DRUG", 24, "DB footnote *: Breast OF4 grew by 5 days on 1 May 2021 (29 - 5)"),
                rule("A12", "2015-01-01", "OF1", null, 9, "DB row 'Referral received → first visit', column Colorectal"),
                rule("A12", "2015-01-01", "OF2", null, 12, "DB row 'First visit → investigation completed', column Colorectal"),
                rule("A12", "2015-01-01", "OF3", "SURGERY", 14, "DB row 'Decision → start of treatment', Colorectal 14 / 14 / 18"),
                rule("A12", "2015-01-01", "OF3", "DRUG", 14, "DB row 'Decision → start of treatment', Colorectal 14 / 14 / 18"),
                rule("A12", "2015-01-01", "OF3", "RADIOTHERAPY", 18, "DB row 'Decision → start of treatment', Colorectal 14 / 14 / 18"),
                rule("A12", "2015-01-01", "OF4", "SURGERY", 35, "DB row 'Referral → treatment start', Colorectal 35 / 35 / 39"),
                rule("A12", "2015-01-01", "OF4", "DRUG", 35, "DB row 'Referral → treatment start', Colorectal 35 / 35 / 39"),
                rule("A12", "2015-01-01", "OF4", "RADIOTHERAPY", 39, "DB row 'Referral → treatment start', Colorectal 35 / 35 / 39"),
                rule("A30", "2023-01-01", "OF1", null, 4, "DB row 'Referral received → first visit', column Lymphoma"),
                rule("A30", "2023-01-01", "OF2", null, 14, "DB row 'First visit → investigation completed', column Lymphoma"),
                rule("A30", "2023-01-01", "OF3", "DRUG", 3, "DB row 'Decision → start of treatment', Lymphoma – / 3 / 17"),
                rule("A30", "2023-01-01", "OF3", "RADIOTHERAPY", 17, "DB row 'Decision → start of treatment', Lymphoma – / 3 / 17; DB note 'From 2023'"),
                rule("A30", "2023-01-01", "OF4", "DRUG", 21, "DB row 'Referral → treatment start', Lymphoma – / 21 / 35"),
                rule("A30", "2023-01-01", "OF4", "RADIOTHERAPY", 35, "DB row 'Referral → treatment start', Lymphoma – / 21 / 35"),
                rule("A30", "2015-05-01", "OF4", "DRUG", 21, "DB row 'Referral → treatment start', Lymphoma drug (unchanged before 2023)"),
                rule("A13", "2015-01-01", "OF1", null, 7, "[unconfirmed] lung pathway as remembered, not in DB"),
                rule("A13", "2015-01-01", "OF2", null, 21, "[unconfirmed] lung pathway as remembered, not in DB"),
                rule("A13", "2015-01-01", "OF3", "SURGERY", 14, "[unconfirmed] lung pathway as remembered, not in DB"),
                rule("A13", "2015-01-01", "OF4", "SURGERY", 42, "[unconfirmed] lung pathway as remembered, not in DB"),
                rule("A16", "2015-01-01", "OF1", null, 9, "[unconfirmed] prostate pathway as remembered, not in DB"),
                rule("A16", "2015-01-01", "OF2", null, 28, "[unconfirmed] prostate pathway as remembered, not in DB"),
                rule("A16", "2015-01-01", "OF4", "SURGERY", 65, "[unconfirmed] prostate pathway as remembered, not in DB"),
                rule("C01", "2015-05-01", "OF1", null, 7, "[unconfirmed] diagnostic pathway as remembered, not in DB"),
                rule("C01", "2015-05-01", "OF2", null, 15, "[unconfirmed] diagnostic pathway as remembered, not in DB"),
                rule("C01", "2015-05-01", "OF4", null, 22, "[unconfirmed] diagnostic pathway: referral → clinical decision, not in DB"));
    }

    private static Arguments rule(String pathway, String version, String interval, String treatment, int days, String source) {
        return Arguments.of(pathway, version, interval, treatment, days, source);
    }

    @ParameterizedTest(name = "{0} {2} {3} = {4} calendar days [{1}] — source: {5}")
    @MethodSource("rules")
    void shouldDefineTheStandardLeadTimeFromItsSourceRow(String pathway, String version, String interval, String treatment, int days,
            String source) {
        PathwayVersion defined = CATALOG.find(pathway).orElseThrow().version(LocalDate.parse(version)).orElseThrow();
        LeadTime leadTime = defined.leadTime(DeadlineInterval.valueOf(interval), treatment == null ? null : TreatmentType.valueOf(treatment))
                .orElseThrow(() -> new AssertionError(pathway + " " + interval + " " + treatment + " is not defined; source: " + source));
        assertThat(leadTime.days()).as(source).isEqualTo(days);
        assertThat(leadTime.source()).as("the data names a source").isNotBlank();
    }

    @ParameterizedTest(name = "{0} {2} {3}: due {4} days after a start on 20 March, across the change to summer time — source: {5}")
    @MethodSource("rules")
    void shouldFallDueAtOsloMidnightAfterTheLastCalendarDayOfTheRule(String pathway, String version, String interval, String treatment,
            int days, String source) {
        LocalDate start = LocalDate.of(2026, 3, 20); // clocks go forward on 29 March 2026
        LocalDate due = CalendarDays.dueDate(start, days);
        assertThat(due).isEqualTo(start.plusDays(days));
        Instant passes = CalendarDays.endOf(due, OSLO);
        assertThat(passes.atZone(OSLO).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
        assertThat(passes.atZone(OSLO).toLocalDate()).isEqualTo(due.plusDays(1));
        assertThat(CalendarDays.within(start, due, days)).as("the last day is still within").isTrue();
        assertThat(CalendarDays.within(start, due.plusDays(1), days)).as("the day after is not").isFalse();
    }
}
