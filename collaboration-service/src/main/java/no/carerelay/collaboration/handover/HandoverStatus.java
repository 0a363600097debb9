package no.carerelay.collaboration.handover;

import java.util.EnumSet;
import java.util.Set;

/**
 * A handover case's state, named and ordered as FHIR Task statuses are: requested -> received -> accepted ->
 * completed, with rejected and cancelled as the other ends. Rejected, cancelled and completed are final: a
 * municipality that changes its mind answers the next requirement the hospital raises.
 */
public enum HandoverStatus {
    REQUESTED, RECEIVED, ACCEPTED, REJECTED, CANCELLED, COMPLETED;

    /** Every state this one may move to, by anyone (the municipality through the API, or the system). */
    public Set<HandoverStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(RECEIVED, ACCEPTED, REJECTED, CANCELLED);
            case RECEIVED -> EnumSet.of(ACCEPTED, REJECTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(COMPLETED, CANCELLED);
            case REJECTED, CANCELLED, COMPLETED -> EnumSet.noneOf(HandoverStatus.class);
        };
    }

    /** The moves the addressed municipality can make through the API; cancelling is the hospital's side. */
    public Set<HandoverStatus> nextByMunicipality() {
        Set<HandoverStatus> next = EnumSet.noneOf(HandoverStatus.class);
        next.addAll(next());
        next.remove(CANCELLED);
        return next;
    }

    public boolean canMoveTo(HandoverStatus target) {
        return next().contains(target);
    }

    /** Waiting for the municipality's answer: these escalate at the deadline and count for cost exposure. */
    public boolean unanswered() {
        return this == REQUESTED || this == RECEIVED;
    }

    /** Still to be done: withdrawing the notice cancels these. */
    public boolean open() {
        return this == REQUESTED || this == RECEIVED || this == ACCEPTED;
    }
}
