package no.carerelay.collaboration.identity;

import java.util.Set;
import java.util.stream.Collectors;

import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;

/**
 * Who is acting, as the service's domain sees it: taken from the request's validated bearer token (the resource
 * server's {@link Caller}) and from nothing the client sends in a header or body. The user id is the token's
 * {@code sub} (a staff or system identifier, never a national ID); the roles its {@code roles}; the organisation
 * its {@code org}; the municipality its {@code kommunenummer}.
 *
 * @param organisation null when the token does not say
 * @param municipality the kommunenummer the user acts for; only a municipal role (municipality, municipal
 *        coordinator) acts for one, so a {@code kommunenummer} claim on any other token is ignored. Null for users
 *        outside a municipality (e.g. a hospital pathway coordinator)
 */
public record Actor(String userId, Set<Role> roles, String organisation, String municipality) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** The acting user of a request, from its token. */
    public static Actor of(Caller caller) {
        boolean municipal = caller.roles().stream().anyMatch(Role::actsForMunicipality);
        return new Actor(caller.userId(), caller.roles(), caller.organisation(), municipal ? caller.municipality() : null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The roles as their claim values, comma-separated in a stable order: for the access log. */
    public String roleNames() {
        return roles.stream().sorted().map(Role::claimValue).collect(Collectors.joining(","));
    }
}
