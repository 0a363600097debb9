package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SyntheticNationalIdsTest {

    @Test
    void shouldAgreeWithSkatteetatensPublishedExample() {
        assertThat(SyntheticNationalIds.hasValidCheckDigits("01818010083")).isTrue();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("01818010084")).isFalse();
    }

    @Test
    void shouldOnlyEverIssueNumbersWithTheBirthMonthPlusEighty() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String number = SyntheticNationalIds.fodselsnummer(random);
            int month = Integer.parseInt(number.substring(2, 4));
            assertThat(month).as(number).isBetween(81, 92);
            assertThat(SyntheticNationalIds.hasValidCheckDigits(number)).as(number).isTrue();
        }
    }

    @Test
    void shouldEncodeTheBirthDateAndCenturySeries() {
        String number = SyntheticNationalIds.fodselsnummer(LocalDate.of(2004, 2, 29), new Random(1));
        assertThat(number).startsWith("298204");
        assertThat(Integer.parseInt(number.substring(6, 9))).isBetween(500, 999);
        String older = SyntheticNationalIds.fodselsnummer(LocalDate.of(1956, 12, 1), new Random(1));
        assertThat(older).startsWith("019256");
        assertThat(Integer.parseInt(older.substring(6, 9))).isBetween(0, 499);
    }

    @Test
    void shouldAddFortyToTheDayOfADNumber() {
        assertThat(SyntheticNationalIds.dNumber(LocalDate.of(1980, 5, 15), new Random(3))).startsWith("558580");
    }
}
