package no.carerelay.collaboration.handover;

import java.time.Instant;

/** One change of a case: from which state to which, by what action, by whom (a user, or null for the system). */
public record HandoverHistoryEntry(HandoverStatus fromStatus, HandoverStatus toStatus, String action, String actor,
        String actorMunicipality, String detail, Instant at) {
}
