package no.carerelay.resourceserver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Compares the endpoints Spring MVC maps with the service's {@link EndpointRule.Rules}: every mapped method and path
 * must have a rule written exactly as it is mapped, and every rule must name a mapped endpoint. The service refuses
 * to start otherwise (see {@link ResourceServerAutoConfiguration}), and the access tests walk {@link #endpoints}.
 */
public final class EndpointCoverage {

    /** One mapped method and path pattern, and the rule that guards it (empty when none does). */
    public record MappedEndpoint(HttpMethod method, String pattern, Optional<EndpointRule> rule) {
    }

    private static final List<PathPattern> PUBLIC = java.util.Arrays.stream(ResourceServerAutoConfiguration.PUBLIC_PATHS)
            .map(PathPatternParser.defaultInstance::parse).toList();

    private EndpointCoverage() {
    }

    /** Every mapped endpoint outside the public paths, in path order, with its rule. */
    public static List<MappedEndpoint> endpoints(RequestMappingHandlerMapping mapping, EndpointRule.Rules rules) {
        List<MappedEndpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (isPublic(pattern)) {
                    continue;
                }
                if (methods.isEmpty()) {
                    endpoints.add(new MappedEndpoint(null, pattern, Optional.empty()));
                }
                for (RequestMethod method : methods) {
                    HttpMethod httpMethod = method.asHttpMethod();
                    endpoints.add(new MappedEndpoint(httpMethod, pattern, rules.rules().stream()
                            .filter(rule -> rule.method().equals(httpMethod) && rule.pattern().equals(pattern)).findFirst()));
                }
            }
        }
        endpoints.sort(Comparator.comparing(MappedEndpoint::pattern).thenComparing(endpoint -> String.valueOf(endpoint.method())));
        return endpoints;
    }

    /** What is wrong with the rules: mapped endpoints without a rule, and rules for nothing mapped. Empty when all is well. */
    public static List<String> problems(RequestMappingHandlerMapping mapping, EndpointRule.Rules rules) {
        List<MappedEndpoint> endpoints = endpoints(mapping, rules);
        Set<String> problems = new TreeSet<>();
        for (MappedEndpoint endpoint : endpoints) {
            if (endpoint.method() == null) {
                problems.add(endpoint.pattern() + " is mapped for every HTTP method; map it to one method and give it a rule");
            } else if (endpoint.rule().isEmpty()) {
                problems.add(endpoint.method() + " " + endpoint.pattern() + " has no EndpointRule (every endpoint needs one)");
            }
        }
        for (EndpointRule rule : rules.rules()) {
            boolean mapped = endpoints.stream().anyMatch(endpoint -> rule.method().equals(endpoint.method()) && rule.pattern().equals(endpoint.pattern()));
            if (!mapped) {
                problems.add("the rule for " + rule.method() + " " + rule.pattern() + " names no mapped endpoint");
            }
        }
        return List.copyOf(problems);
    }

    static boolean isPublic(String pattern) {
        PathContainer path = PathContainer.parsePath(pattern);
        return PUBLIC.stream().anyMatch(publicPath -> publicPath.matches(path));
    }
}
