package no.carerelay.collaboration.needs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.carerelay.contracts.collaboration.TaskPriority;

class NeedsThresholdsTest {

    private final NeedsAssessments assessments = new NeedsAssessments(null, null, null, null,
            new NeedsProperties(4, 7, Map.of(EsasSymptom.PAIN, 5), Duration.ofDays(2), TaskPriority.URGENT), null, null);

    @Test
    void shouldFlagADistressScoreAtTheThresholdButNotBelowIt() {
        assertThat(assessments.exceeded(Instrument.DISTRESS_THERMOMETER, Map.of("DISTRESS", 4)))
                .containsExactly(new NeedsAssessment.Exceeded("DISTRESS", 4, 4));
        assertThat(assessments.exceeded(Instrument.DISTRESS_THERMOMETER, Map.of("DISTRESS", 3))).isEmpty();
    }

    @Test
    void shouldApplyASymptomsOwnEsasThresholdAndTheDefaultToTheRest() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        scores.put("PAIN", 5);
        scores.put("TIREDNESS", 6);
        scores.put("ANXIETY", 7);

        assertThat(assessments.exceeded(Instrument.ESAS_R, scores))
                .containsExactly(new NeedsAssessment.Exceeded("PAIN", 5, 5), new NeedsAssessment.Exceeded("ANXIETY", 7, 7));
    }
}
