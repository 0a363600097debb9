package no.carerelay.trajectory.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;

/**
 * The {@link PatientDataAccessed} event of one access-log entry that names a patient, as {@link AccessLog} publishes
 * it on {@code trajectory.access.v1} for patient-service to show the patient who looked (Normen).
 *
 * <p>Decisions: this log writes an outcome word; the contract asks whether access was granted. The mapping:
 * <ul>
 * <li>{@code read} (a timeline was shown) &rarr; {@code GRANTED}</li>
 * <li>{@code registered} (a pathway event was stored) &rarr; {@code GRANTED}</li>
 * <li>{@code refused} (the caller was let in and the patient's trajectory consulted, but the pathway's rules turned
 * the pathway event down: a refusal of the data, not of the caller) &rarr; {@code GRANTED}, with that as the reason</li>
 * <li>{@code denied} (the caller was refused: by the token filter, or not a resident of its municipality) &rarr;
 * {@code DENIED}</li>
 * </ul>
 * Any other word is a new outcome nobody has mapped: {@link #decision} refuses it, and so the entry is not written
 * without its event.
 *
 * <p>Resources: the log records no resource type, so it is named after the action: {@code register-pathway-event}
 * &rarr; {@code pathway-event}, {@code read-timeline} &rarr; {@code trajectory}, {@code read-access-log} (an auditor's look)
 * &rarr; {@code access-log}, anything else (a refused request the
 * filter could not name, {@code api-request}) &rarr; {@code request}.
 */
final class AccessEvents {

    static final String SERVICE = "trajectory-service";

    /** Why a {@code refused} registration is published as granted access. */
    static final String PATHWAY_EVENT_REFUSED = "the pathway event was refused by the pathway's rules; nothing was registered";

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
     * @param caller null when the request had no valid token
     * @param reason the purpose or the refusal's reason in this service's words (never a caller's text)
     */
    static PatientDataAccessed of(long entryId, Instant at, Caller caller, String patientPseudonym, String action, String outcome,
            String reason) {
        return PatientDataAccessed.ofLogEntry(SERVICE, entryId, patientPseudonym, at, caller == null ? null : caller.userId(),
                caller == null ? List.of() : caller.roles().stream().sorted().map(Role::claimValue).toList(),
                caller == null ? null : caller.organisation(), caller == null ? null : municipality(caller), resource(action), action,
                decision(outcome), reason);
    }

    /** The contract's decision for an outcome word of this log (the mapping is in the class comment). */
    static String decision(String outcome) {
        return switch (outcome) {
            case "read", "registered", "refused" -> "GRANTED";
            case AccessLog.DENIED -> "DENIED";
            default -> throw new IllegalStateException("access-log outcome '" + outcome + "' has no published decision");
        };
    }

    static String resource(String action) {
        return switch (action) {
            case "register-pathway-event" -> "pathway-event";
            case "read-timeline" -> "trajectory";
            case "read-access-log" -> "access-log";
            default -> "request";
        };
    }

    /** The published reason of a request the token filter refused (see {@link PatientDataAccessed#refusedRequestReason}). */
    static String refusedRequestReason(int status) {
        return PatientDataAccessed.refusedRequestReason(status);
    }

    /**
     * The kommunenummer acted for: only a municipal role acts for one (a {@code kommunenummer} claim on another
     * token is not acted on); the contract keeps it only when it is four digits.
     */
    private static String municipality(Caller caller) {
        String value = caller.municipality();
        boolean municipal = caller.roles().stream().anyMatch(Role::actsForMunicipality);
        return municipal ? value : null;
    }
}
