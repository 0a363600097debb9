package no.carerelay.collaboration.handover;

import java.util.Set;
import java.util.UUID;

/** The case is not in a state the requested move can start from. */
public class InvalidTransitionException extends RuntimeException {

    private final UUID caseId;
    private final HandoverStatus current;
    private final HandoverStatus requested;
    private final Set<HandoverStatus> allowed;

    InvalidTransitionException(UUID caseId, HandoverStatus current, HandoverStatus requested, Set<HandoverStatus> allowed) {
        super("handover case " + caseId + " is " + current + " and cannot become " + requested
                + (allowed.isEmpty() ? "; it is final" : "; from " + current + " it can become " + allowed));
        this.caseId = caseId;
        this.current = current;
        this.requested = requested;
        this.allowed = allowed;
    }

    public UUID caseId() {
        return caseId;
    }

    public HandoverStatus current() {
        return current;
    }

    public HandoverStatus requested() {
        return requested;
    }

    public Set<HandoverStatus> allowed() {
        return allowed;
    }
}
