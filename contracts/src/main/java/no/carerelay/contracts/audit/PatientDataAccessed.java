package no.carerelay.contracts.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
}
