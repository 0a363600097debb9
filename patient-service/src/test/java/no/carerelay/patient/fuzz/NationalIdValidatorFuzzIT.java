package no.carerelay.patient.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import no.carerelay.patient.patient.InvalidNationalIdException;
import no.carerelay.patient.patient.NationalId;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.testkit.SyntheticNationalIds;

/**
 * Any string at all: the validator either returns an 11-digit number whose check digits hold or says why not
 * ({@link InvalidNationalIdException}); nothing else escapes, and the reason never repeats the input. Seed corpus
 * in {@code src/test/resources/.../NationalIdValidatorFuzzITInputs}; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl patient-service -am verify -Dit.test=NationalIdValidatorFuzzIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 * An IT only so that it shares the Failsafe JVM, and Jazzer's start-up cost, with {@link IngestFuzzIT}.
 */
class NationalIdValidatorFuzzIT {

    private final NationalIdValidator validator = new NationalIdValidator(true);

    @FuzzTest(maxDuration = "2m")
    void shouldAcceptOnlyValidNumbersAndExplainEveryRefusal(byte[] data) {
        String input = new String(data, StandardCharsets.UTF_8);
        try {
            NationalId id = validator.validate(input);
            assertThat(id.value()).matches("[0-9]{11}");
            assertThat(SyntheticNationalIds.hasValidCheckDigits(id.value())).isTrue();
        } catch (InvalidNationalIdException e) {
            assertThat(e.getMessage()).isNotBlank();
            if (input != null && input.length() >= 6) {
                assertThat(e.getMessage()).doesNotContain(input);
            }
        }
    }
}
