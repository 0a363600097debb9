package no.carerelay.collaboration.task;

import java.util.EnumSet;
import java.util.Set;

/** A coordination task's state (a subset of FHIR Task's): open, being worked on, done or dropped. */
public enum TaskStatus {
    OPEN, IN_PROGRESS, COMPLETED, CANCELLED;

    public Set<TaskStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(IN_PROGRESS, COMPLETED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public boolean open() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
