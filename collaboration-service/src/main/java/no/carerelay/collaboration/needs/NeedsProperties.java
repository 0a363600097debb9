package no.carerelay.collaboration.needs;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import no.carerelay.contracts.collaboration.TaskPriority;

/**
 * When a needs assessment calls for follow-up. A score at or above its threshold creates one task for the patient's
 * responsible team member.
 *
 * @param distressThreshold Distress Thermometer score that calls for follow-up (4 is the commonly used cut-off)
 * @param esasThreshold     ESAS-r score that calls for follow-up, for every symptom without its own
 * @param esasThresholds    per-symptom thresholds overriding {@code esasThreshold}, e.g. {@code PAIN: 5}
 * @param taskDueIn         how long the responsible member has for the follow-up
 * @param taskPriority      the follow-up task's priority
 */
@ConfigurationProperties("carerelay.collaboration.needs")
public record NeedsProperties(
        @DefaultValue("4") int distressThreshold,
        @DefaultValue("7") int esasThreshold,
        Map<EsasSymptom, Integer> esasThresholds,
        @DefaultValue("P2D") Duration taskDueIn,
        @DefaultValue("URGENT") TaskPriority taskPriority) {

    public NeedsProperties {
        esasThresholds = esasThresholds == null ? Map.of() : Map.copyOf(esasThresholds);
    }

    int thresholdFor(EsasSymptom symptom) {
        return esasThresholds.getOrDefault(symptom, esasThreshold);
    }
}
