package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SyntheticNationalIdsTest {

    @Test
    void shouldAgreeWithSkatteetatensPublishedExample() {
        // Skatteetaten's example of a synthetic number: born 1 January 1980, month 01 + 80 = 81
        assertThat(SyntheticNationalIds.hasValidCheckDigits("01818010083")).isTrue();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("01818010084")).isFalse();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("01818010073")).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNotElevenDigits() {
        assertThat(SyntheticNationalIds.hasValidCheckDigits(null)).isFalse();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("0181801008")).isFalse();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("018180100833")).isFalse();
        assertThat(SyntheticNationalIds.hasValidCheckDigits("0181801008x")).isFalse();
    }

    @Test
    void shouldOnlyEverIssueNumbersWithTheBirthMonthPlusEightyAndValidCheckDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String number = SyntheticNationalIds.fodselsnummer(random);
            assertThat(number).as(number).matches("[0-9]{11}");
            assertThat(Integer.parseInt(number.substring(0, 2))).as(number).isBetween(1, 31);
            assertThat(Integer.parseInt(number.substring(2, 4))).as(number).isBetween(81, 92);
            assertThat(SyntheticNationalIds.hasValidCheckDigits(number)).as(number).isTrue();
        }
    }

    @Test
    void shouldEncodeTheBirthDateAndTheCenturySeries() {
        String number = SyntheticNationalIds.fodselsnummer(LocalDate.of(2004, 2, 29), new Random(1));
        assertThat(number).startsWith("298204");
        assertThat(Integer.parseInt(number.substring(6, 9))).isBetween(500, 999);
        String older = SyntheticNationalIds.fodselsnummer(LocalDate.of(1956, 12, 1), new Random(1));
        assertThat(older).startsWith("019256");
        assertThat(Integer.parseInt(older.substring(6, 9))).isBetween(0, 499);
    }

    @Test
    void shouldEncodeTheLegalSexInTheParityOfTheIndividualNumber() {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            boolean female = i % 2 == 0;
            String number = SyntheticNationalIds.fodselsnummer(LocalDate.of(1950 + i % 60, 1 + i % 12, 1 + i % 28), female, random);
            assertThat((number.charAt(8) - '0') % 2 == 0).as(number).isEqualTo(female);
            assertThat(SyntheticNationalIds.hasValidCheckDigits(number)).as(number).isTrue();
        }
    }

    @Test
    void shouldRespectTheCenturySeriesAcrossTheWholeRange() {
        Random random = new Random(11);
        for (int year = 1900; year <= 2039; year++) {
            String number = SyntheticNationalIds.fodselsnummer(LocalDate.of(year, 6, 15), random);
            int individual = Integer.parseInt(number.substring(6, 9));
            assertThat(individual).as(number).isBetween(year < 2000 ? 0 : 500, year < 2000 ? 499 : 999);
            assertThat(number.substring(4, 6)).isEqualTo(String.format("%02d", year % 100));
        }
    }

    @Test
    void shouldIssueDNumbersWithDayPlusFortyAndMonthPlusEighty() {
        assertThat(SyntheticNationalIds.dNumber(LocalDate.of(1980, 5, 15), new Random(3))).startsWith("558580");
        Random random = new Random(5);
        for (int i = 0; i < 1_000; i++) {
            LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(27_000));
            String number = SyntheticNationalIds.dNumber(birth, random);
            assertThat(Integer.parseInt(number.substring(0, 2))).as(number).isBetween(41, 71);
            assertThat(Integer.parseInt(number.substring(2, 4))).as(number).isBetween(81, 92);
            assertThat(SyntheticNationalIds.hasValidCheckDigits(number)).as(number).isTrue();
        }
    }

    @Test
    void shouldBeReproducibleWithASeededRandom() {
        assertThat(SyntheticNationalIds.fodselsnummer(new Random(42))).isEqualTo(SyntheticNationalIds.fodselsnummer(new Random(42)));
    }

    @Test
    void shouldRefuseBirthDatesOutsideTheSeries() {
        assertThatThrownBy(() -> SyntheticNationalIds.fodselsnummer(LocalDate.of(1899, 12, 31), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticNationalIds.fodselsnummer(LocalDate.of(2040, 1, 1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
