package no.carerelay.collaboration.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DischargeReadyCostTest {

    private static final LocalDate DECLARED = LocalDate.of(2026, 3, 28);

    @Test
    void shouldCountTheDeclarationDayItselfAsTheFirstDayOwed() {
        assertThat(DischargeReadyCost.daysOwed(DECLARED, DECLARED)).isEqualTo(1);
    }

    @Test
    void shouldCountCalendarDaysAcrossTheSpringDaylightSavingChange() {
        // 29 March 2026 has 23 hours in Europe/Oslo; it is still one day owed
        assertThat(DischargeReadyCost.daysOwed(DECLARED, LocalDate.of(2026, 3, 30))).isEqualTo(3);
    }

    @Test
    void shouldNeverOweANegativeNumberOfDays() {
        assertThat(DischargeReadyCost.daysOwed(DECLARED, DECLARED.minusDays(2))).isZero();
    }

    @Test
    void shouldMultiplyDaysByTheConfiguredDailyRate() {
        assertThat(DischargeReadyCost.amount(3, new BigDecimal("5745"))).isEqualByComparingTo("17235");
    }
}
