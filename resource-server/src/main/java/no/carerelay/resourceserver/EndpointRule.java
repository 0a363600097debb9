package no.carerelay.resourceserver;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Which roles may call one endpoint: an HTTP method and a path pattern in Spring's PathPattern syntax, written as the
 * controller maps it ({@code /api/v1/handover-cases/{caseId}/accept}). Tenant checks (which municipality, which
 * care team) come after, in the service.
 */
public record EndpointRule(HttpMethod method, String pattern, Set<Role> roles) {

    public EndpointRule {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("an endpoint rule needs at least one role: " + method + " " + pattern);
        }
        roles = Set.copyOf(roles);
    }

    public static EndpointRule rule(HttpMethod method, String pattern, Role first, Role... more) {
        return new EndpointRule(method, pattern, EnumSet.of(first, more));
    }

    /** Every rule of a service; the filter chain refuses any request none of them names. */
    public record Rules(List<EndpointRule> rules) {

        public Rules {
            rules = List.copyOf(rules);
        }

        public static Rules of(EndpointRule... rules) {
            return new Rules(List.of(rules));
        }
    }
}
