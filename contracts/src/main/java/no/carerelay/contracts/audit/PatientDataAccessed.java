package no.carerelay.contracts.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import no.carerelay.contracts.Require;

/**
 * Someone read or changed a patient's data in a service, or was refused: one entry of that service's access log,
 * published so that patient-service can show the patient who looked (Normen). The same record on each owner's
 * topic ({@code collaboration.access.v1}, {@code trajectory.access.v1}); keyed by the pseudonym.
 *
 * @param accessId    stable per log entry (a re-publication after a crash carries the same id)
 * @param service     the service whose log it is ({@code collaboration-service})
 * @param actor       the user or system ({@code sub} of its token); null when the request carried no valid token
 * @param actorRoles  its CareRelay roles ({@code municipal-coordinator}, ...); empty when unknown
 * @param resource    what was accessed, in the service's words ({@code handover-case}, {@code care-team}, ...)
 * @param action      what was done ({@code read}, {@code accept}, {@code list}, ...)
 * @param decision    {@code GRANTED} or {@code DENIED}
 * @param reason      the purpose or the refusal's reason, in the service's words; never free text from a user
 */
public record PatientDataAccessed(
        UUID accessId,
        String patientPseudonym,
        Instant accessedAt,
        String service,
        String actor,
        List<String> actorRoles,
        String actorOrganisation,
        String actorMunicipality,
        String resource,
        String action,
        String decision,
        String reason) {

    private static final Set<String> DECISIONS = Set.of("GRANTED", "DENIED");

    /** What the schema allows of the free-length fields (their values come from tokens and from the service). */
    private static final int MAX_ACTOR = 100;
    private static final int MAX_ORGANISATION = 100;
    private static final int MAX_ACTION = 100;
    private static final int MAX_REASON = 500;
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");

    public PatientDataAccessed {
        Require.present(accessId, "accessId");
        Require.pseudonym(patientPseudonym);
        Require.present(accessedAt, "accessedAt");
        Require.text(service, "service");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
        if (actorMunicipality != null) {
            Require.kommunenummer(actorMunicipality, "actorMunicipality");
        }
        Require.text(resource, "resource");
        Require.text(action, "action");
        if (!DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("decision must be GRANTED or DENIED");
        }
    }

    /**
     * The event of one row of a service's access log. The access id is derived from the service and the row's id, so
     * a re-publication of the row carries the same one and no two services' rows share one. Text the schema limits is
     * cut to its limit; a municipality that is not four digits is left out.
     *
     * @param actorRoles the caller's role claim values, in a stable order
     * @param reason     the purpose or the refusal's reason in the service's words (never a caller's text)
     */
    public static PatientDataAccessed ofLogEntry(String service, long entryId, String patientPseudonym, Instant accessedAt, String actor,
            List<String> actorRoles, String actorOrganisation, String actorMunicipality, String resource, String action, String decision,
            String reason) {
        String municipality = actorMunicipality != null && KOMMUNENUMMER.matcher(actorMunicipality).matches() ? actorMunicipality : null;
        return new PatientDataAccessed(accessId(service, entryId), patientPseudonym, accessedAt, service, truncate(actor, MAX_ACTOR), actorRoles,
                truncate(actorOrganisation, MAX_ORGANISATION), municipality, resource, truncate(action, MAX_ACTION), decision,
                truncate(reason, MAX_REASON));
    }

    /** The access id of a service's access-log row: the same for every publication of the row, distinct between services. */
    public static UUID accessId(String service, long entryId) {
        return UUID.nameUUIDFromBytes((service + ":access_log:" + entryId).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an entry about this patient can be published: the contract (and patient-service) know only pseudonyms. */
    public static boolean publishable(String patientPseudonym) {
        return patientPseudonym != null && PSEUDONYM.matcher(patientPseudonym).matches();
    }

    /**
     * The published reason of a request the token filter refused: its status in fixed words. The log entry's own
     * reason quotes the refusal's detail, which names the request's path: the caller's text, not to be shown as ours.
     */
    public static String refusedRequestReason(int status) {
        return switch (status) {
            case 401 -> "401: the request carried no valid bearer token";
            case 403 -> "403: the caller's roles do not allow this request";
            default -> status + ": refused before the request reached the service";
        };
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
