package no.carerelay.resourceserver;

import java.util.Set;

/**
 * Who is calling, from a validated token: the user or system id ({@code sub}; a staff or system identifier, never
 * a national ID), its roles, its organisation ({@code org}, e.g. an organisation number) and, for municipal roles,
 * the kommunenummer it acts for. Controllers take it as a parameter.
 *
 * @param municipality null unless the caller acts for a municipality
 * @param organisation null when the token does not say
 */
public record Caller(String userId, Set<Role> roles, String organisation, String municipality) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The roles as their claim values, comma-separated in a stable order: for access logs. */
    public String roleNames() {
        return roles.stream().sorted().map(Role::claimValue).reduce((a, b) -> a + "," + b).orElse("");
    }
}
