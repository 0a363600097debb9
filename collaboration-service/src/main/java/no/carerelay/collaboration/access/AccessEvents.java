package no.carerelay.collaboration.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Role;

/**
 * The {@link PatientDataAccessed} event of one access-log entry that names a patient, as {@link AccessLog} publishes
 * it on {@code collaboration.access.v1} for patient-service to show the patient who looked (Normen).
 *
 * <p>Decisions: this log already writes {@code GRANTED} and {@code DENIED}, the contract's words; they are published
 * as they are ({@code GRANTED}: {@link AccessLog#granted}, {@link AccessLog#listed}; {@code DENIED}:
 * {@link AccessLog#refused}, {@link AccessLog#requestRefused}).
 */
final class AccessEvents {

    static final String SERVICE = "collaboration-service";

    private AccessEvents() {
    }

    /** Stable per entry: a re-publication of the same row carries the same id. */
    static UUID accessId(long entryId) {
        return PatientDataAccessed.accessId(SERVICE, entryId);
    }

    /** Whether an entry about this patient can be published: the contract (and patient-service) know only pseudonyms. */
    static boolean publishable(String patientPseudonym) {
        return PatientDataAccessed.publishable(patientPseudonym);
    }

    /**
     * @param actor  null when the request had no valid token
     * @param reason the purpose or the refusal's reason in this service's words (never a caller's text)
     */
    static PatientDataAccessed of(long entryId, Instant at, Actor actor, String resourceType, String patientPseudonym, String action,
            String decision, String reason) {
        return PatientDataAccessed.ofLogEntry(SERVICE, entryId, patientPseudonym, at, actor == null ? null : actor.userId(),
                actor == null ? List.of() : actor.roles().stream().sorted().map(Role::claimValue).toList(),
                actor == null ? null : actor.organisation(), actor == null ? null : actor.municipality(), resourceType, action, decision, reason);
    }

    /** The published reason of a request the filter chain refused (see {@link PatientDataAccessed#refusedRequestReason}). */
    static String refusedRequestReason(int status) {
        return PatientDataAccessed.refusedRequestReason(status);
    }
}
