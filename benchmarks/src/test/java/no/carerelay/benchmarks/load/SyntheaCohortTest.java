package no.carerelay.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheaCohortTest {

    private static final Path SAMPLE = Path.of("src/test/resources/synthea-sample");

    @Test
    void shouldReplayEveryInpatientStayInChronologicalOrderAndNothingElse() throws Exception {
        SyntheaCohort cohort = SyntheaCohort.read(SAMPLE);

        assertThat(cohort.patients()).singleElement().satisfies(patient -> {
            assertThat(patient.syntheaId()).isEqualTo("p-1");
            assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1958, 4, 30));
            assertThat(patient.female()).isTrue();
            assertThat(patient.stays()).extracting(SyntheaCohort.Stay::start).containsExactly(
                    OffsetDateTime.parse("2023-11-20T08:00:00+01:00"), OffsetDateTime.parse("2024-03-02T10:00:00+01:00"));
            assertThat(patient.stays().get(1).reason()).isEqualTo("Malignant tumor of colon");
            assertThat(patient.stays().get(0).reason()).isEqualTo("Encounter for problem");
        });
        assertThat(cohort.stays()).isEqualTo(2);
    }

    @Test
    void shouldCountPatientBundlesWithoutAStayAndIgnoreOrganisationBundles() throws Exception {
        SyntheaCohort cohort = SyntheaCohort.read(SAMPLE);

        assertThat(cohort.bundles()).isEqualTo(2);
        assertThat(cohort.withoutStays()).isEqualTo(1);
        assertThat(cohort.toString()).contains("1 patients with 2 inpatient stays (1 of 2 bundles had none)");
    }

    @Test
    void shouldSayHowToMakeACohortWhenTheDirectoryIsMissingOrHasNoStays(@TempDir Path empty) {
        assertThatThrownBy(() -> SyntheaCohort.read(empty.resolve("nope"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("./benchmarks/synthea-cohort");
        assertThatThrownBy(() -> SyntheaCohort.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no patient with an inpatient stay");
    }
}
