package no.carerelay.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import no.carerelay.testkit.SyntheticNationalIds;

/** Rules: domain brief section 5 (Skatteetaten, ehelse.no). All numbers here are synthetic (month + 80) or H-numbers. */
class NationalIdValidatorTest {

    private final NationalIdValidator testEnvironment = new NationalIdValidator(true);
    private final NationalIdValidator production = new NationalIdValidator(false);

    @Test
    void shouldAcceptSkatteetatensPublishedSyntheticExample() {
        assertThat(testEnvironment.validate("01818010083"))
                .isEqualTo(new NationalId("01818010083", NationalIdKind.FODSELSNUMMER, true));
    }

    @ParameterizedTest
    @CsvSource({
            "15838510075, FODSELSNUMMER",
            "55838510069, D_NUMBER",
            "29828410081, FODSELSNUMMER", // 29 February in a year divisible by four
    })
    void shouldAcceptValidSyntheticNumbersOfEachKind(String number, NationalIdKind kind) {
        assertThat(testEnvironment.validate(number).kind()).isEqualTo(kind);
    }

    @Test
    void shouldAcceptAnHNumberAsInternalToThisOrganisation() {
        NationalId id = production.validate("15438510092");
        assertThat(id.kind()).isEqualTo(NationalIdKind.H_NUMBER);
        assertThat(id.synthetic()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"02813250090", "02813250260", "02813250333", "02813250341"})
    void shouldAcceptTheFirstCheckDigitUnderTheRuleForNumbersIssuedFrom2032(String number) {
        assertThat(testEnvironment.validate(number).synthetic()).isTrue();
    }

    @Test
    void shouldRefuseSyntheticNumbersUnlessConfiguredTo() {
        assertThatThrownBy(() -> production.validate("15838510075"))
                .isInstanceOf(InvalidNationalIdException.class)
                .hasMessage("synthetic test numbers (month + 80) are not accepted here");
    }

    @ParameterizedTest
    @CsvSource({
            "'', national ID number is missing",
            "1583851007, national ID number must be exactly 11 digits",
            "158385100751, national ID number must be exactly 11 digits",
            "1583851007X, national ID number must be exactly 11 digits",
            "15838510016, national ID number has a wrong first check digit",
            "15838510076, national ID number has a wrong second check digit",
            "29828510183, national ID number has no valid birth day", // 29 February 1985
            "32838510075, national ID number has no valid birth day",
            "15938510075, national ID number has no valid birth month",
            "55438510075, national ID number cannot be both a D-number and an H-number",
    })
    void shouldRejectWithTheSpecificReason(String number, String reason) {
        assertThatThrownBy(() -> testEnvironment.validate(number))
                .isInstanceOf(InvalidNationalIdException.class)
                .hasMessage(reason);
    }

    @Test
    void shouldNeverPutTheNumberInItsTextForm() {
        NationalId id = testEnvironment.validate("15838510075");
        assertThat(id.toString()).doesNotContain("15838510075").doesNotContain("158385");
    }

    @Test
    void shouldAcceptEverySyntheticNumberTheTestkitGenerates() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String number = SyntheticNationalIds.fodselsnummer(random);
            assertThat(testEnvironment.validate(number).synthetic()).as(number).isTrue();
        }
    }

    @Test
    void shouldRejectEverySingleDigitChangeThatBreaksTheSecondCheckDigit() {
        // K2 covers all ten digits before it: changing any one of them by one must be detected
        String valid = "15838510075";
        int detected = 0;
        for (int position = 0; position < 10; position++) {
            char[] digits = valid.toCharArray();
            digits[position] = (char) ('0' + (digits[position] - '0' + 1) % 10);
            try {
                testEnvironment.validate(new String(digits));
            } catch (InvalidNationalIdException e) {
                detected++;
            }
        }
        assertThat(detected).isEqualTo(10);
    }
}
