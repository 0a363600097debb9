package no.carerelay.collaboration.care;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;

/**
 * One member of a patient's care team: a role held by an organisation, and by a named user where there is one.
 *
 * @param userId       the member's user id in CareRelay (null when the organisation holds the role, e.g. home nursing)
 * @param municipality kommunenummer for municipal members, null for hospital members
 */
public record CareTeamMember(UUID id, String patientPseudonym, CareRole role, CareRole.Sector sector, String userId,
        OrganisationRef organisation, String municipality, String addedBy, Instant addedAt) {
}
