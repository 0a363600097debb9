package no.carerelay.collaboration.access;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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

    /** What the schema allows of the free-length fields; the values come from tokens, not from this service. */
    private static final int MAX_ACTOR = 100;
    private static final int MAX_ORGANISATION = 100;
    private static final int MAX_ACTION = 100;
    private static final int MAX_REASON = 500;

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");

    private AccessEvents() {
    }

    /** Stable per entry: a re-publication of the same row carries the same id. */
    static UUID accessId(long entryId) {
        return UUID.nameUUIDFromBytes((SERVICE + ":access_log:" + entryId).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an entry about this patient can be published: the contract (and patient-service) know only pseudonyms. */
    static boolean publishable(String patientPseudonym) {
        return patientPseudonym != null && PSEUDONYM.matcher(patientPseudonym).matches();
    }

    /**
     * @param actor  null when the request had no valid token
     * @param reason the purpose or the refusal's reason in this service's words (never a caller's text); trimmed to 500
     */
    static PatientDataAccessed of(long entryId, Instant at, Actor actor, String resourceType, String patientPseudonym, String action,
            String decision, String reason) {
        return new PatientDataAccessed(accessId(entryId), patientPseudonym, at, SERVICE,
                actor == null ? null : truncate(actor.userId(), MAX_ACTOR),
                actor == null ? List.of() : actor.roles().stream().sorted().map(Role::claimValue).toList(),
                actor == null ? null : truncate(actor.organisation(), MAX_ORGANISATION),
                actor == null ? null : municipality(actor.municipality()),
                resourceType, truncate(action, MAX_ACTION), decision, truncate(reason, MAX_REASON));
    }

    /**
     * The published reason of a request the filter chain refused: its status in fixed words. The entry's own reason
     * quotes the refusal's detail, which names the request's path: the caller's text, not to be shown as ours.
     */
    static String refusedRequestReason(int status) {
        return switch (status) {
            case 401 -> "401: the request carried no valid bearer token";
            case 403 -> "403: the caller's roles do not allow this request";
            default -> status + ": refused before the request reached the service";
        };
    }

    /** The kommunenummer acted for, only when it is one (the contract takes four digits or nothing). */
    private static String municipality(String value) {
        return value != null && KOMMUNENUMMER.matcher(value).matches() ? value : null;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
