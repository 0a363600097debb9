package no.carerelay.trajectory.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Source: forskrift om kommunal betaling for utskrivningsklare pasienter § 11 (answer the same day). */
class DischargeReadyDeadlineTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void shouldFallDueAtLocalMidnightAfterADeclarationInWinterTime() {
        // 10:15 CET on 22 Nov -> due 00:00 CET on 23 Nov = 23:00Z on 22 Nov
        assertThat(DischargeReadyDeadline.answerDue(Instant.parse("2026-11-22T09:15:00Z"), OSLO))
                .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }

    @Test
    void shouldFallDueAtLocalMidnightAfterADeclarationInSummerTime() {
        assertThat(DischargeReadyDeadline.answerDue(Instant.parse("2026-06-15T08:00:00Z"), OSLO))
                .isEqualTo(Instant.parse("2026-06-15T22:00:00Z"));
    }

    @Test
    void shouldUseTheNorwegianCalendarDayForALateEveningUtcDeclaration() {
        // 23:30Z on 22 Nov is already 00:30 on 23 Nov in Oslo: due at the end of 23 Nov
        assertThat(DischargeReadyDeadline.answerDue(Instant.parse("2026-11-22T23:30:00Z"), OSLO))
                .isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
    }

    @Test
    void shouldGiveAShorterDayItsOwnMidnightWhenClocksGoForward() {
        // 29 March 2026: 23 hours long in Oslo; declared 01:30 CET (00:30Z), due 00:00 CEST on 30 March = 22:00Z
        assertThat(DischargeReadyDeadline.answerDue(Instant.parse("2026-03-29T00:30:00Z"), OSLO))
                .isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void shouldGiveALongerDayItsOwnMidnightWhenClocksGoBack() {
        // 25 October 2026: 25 hours long; declared 02:30 CET after the change (01:30Z), due 00:00 CET on 26 Oct = 23:00Z
        assertThat(DischargeReadyDeadline.answerDue(Instant.parse("2026-10-25T01:30:00Z"), OSLO))
                .isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }
}
