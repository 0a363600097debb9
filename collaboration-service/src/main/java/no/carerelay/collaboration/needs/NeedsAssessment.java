package no.carerelay.collaboration.needs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded assessment.
 *
 * @param contactPoint  SP1, SP2, SP3 (Pakkeforløp hjem) or OTHER
 * @param scores        DISTRESS for the Distress Thermometer; ESAS-r symptom names for ESAS-r; 0-10 each
 * @param problems      the Distress Thermometer's problem list (empty for ESAS-r)
 * @param exceeded      the scores at or above their threshold
 * @param followUpTaskId the task created for the responsible team member, if a threshold was reached
 */
public record NeedsAssessment(UUID id, String patientPseudonym, Instrument instrument, String contactPoint, Map<String, Integer> scores,
        List<Problem> problems, List<Exceeded> exceeded, UUID followUpTaskId, String assessedBy, Instant assessedAt) {

    /** A Distress Thermometer problem-list entry: category (PRACTICAL, FAMILY, EMOTIONAL, SPIRITUAL, PHYSICAL) and item. */
    public record Problem(String category, String item) {
    }

    public record Exceeded(String item, int score, int threshold) {
    }
}
