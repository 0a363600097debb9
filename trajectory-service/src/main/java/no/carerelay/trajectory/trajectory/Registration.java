package no.carerelay.trajectory.trajectory;

import java.util.List;
import java.util.UUID;

/**
 * What registering a pathway event did, or why it could not be applied.
 *
 * @param trajectoryId null when no trajectory was found or started
 * @param status       the trajectory's status afterwards
 * @param effects      what changed, in words (deadlines opened or closed, handovers required)
 * @param rejection    null when applied
 */
public record Registration(UUID trajectoryId, UUID milestoneId, String status, List<String> effects, Rejection rejection) {

    public boolean applied() {
        return rejection == null;
    }

    /**
     * @param kind    UNKNOWN_PATHWAY, NO_TRAJECTORY, NOT_ALLOWED, MISSING_FIELD
     * @param allowed for NOT_ALLOWED: the codes the trajectory accepts now
     */
    public record Rejection(String kind, String reason, List<String> allowed) {
    }
}
