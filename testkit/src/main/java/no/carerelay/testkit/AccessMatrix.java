package no.carerelay.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Calls every endpoint of a running service with no token and with a token of every role, and reports each answer
 * that breaks the endpoint's rule: no token must be 401, a role the rule does not name must be the filter's 403
 * ({@code https://carerelay.no/problems/forbidden}), and a role it names must get past the filter (neither of those,
 * and never a 5xx, even though the empty body or unknown ids make most such calls a 400 or 404).
 */
public final class AccessMatrix {

    /** Every role claim value a CareRelay token can carry. */
    public static final List<String> ROLES = List.of("hospital-system", "municipality", "municipal-coordinator", "pathway-coordinator",
            "operator", "auditor", "patient");

    /** The kommunenummer the municipal roles' tokens carry. */
    public static final String MUNICIPALITY = "0301";

    public static final String FORBIDDEN_TYPE = "https://carerelay.no/problems/forbidden";

    /** One endpoint as mapped ({@code /api/v1/tasks/{taskId}/start}) and the role claim values its rule names. */
    public record Endpoint(String method, String pattern, Set<String> allowedRoles) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final TokenIssuer tokens;
    private final Function<String, String> pathVariableValues;

    /**
     * @param pathVariableValues the value to put for a path variable name ({@code caseId} -> a UUID); it should be
     *        well-formed, so that an allowed role's call reaches the controller
     */
    public AccessMatrix(String baseUrl, TokenIssuer tokens, Function<String, String> pathVariableValues) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.pathVariableValues = pathVariableValues;
    }

    /** Every answer that breaks its endpoint's rule, described; empty when all endpoints behave. */
    public List<String> violations(List<Endpoint> endpoints) throws IOException, InterruptedException {
        List<String> violations = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            String path = concrete(endpoint.pattern());
            HttpResponse<String> anonymous = call(endpoint.method(), path, null);
            if (anonymous.statusCode() != 401) {
                violations.add(endpoint.method() + " " + endpoint.pattern() + " without a token: " + anonymous.statusCode() + ", expected 401");
            }
            for (String role : ROLES) {
                String kommunenummer = role.startsWith("municipal") ? MUNICIPALITY : null;
                HttpResponse<String> response = call(endpoint.method(), path, tokens.token(role, kommunenummer));
                boolean filtered = response.statusCode() == 403 && response.body().contains(FORBIDDEN_TYPE);
                if (endpoint.allowedRoles().contains(role)) {
                    if (response.statusCode() == 401 || filtered || response.statusCode() >= 500) {
                        violations.add(endpoint.method() + " " + endpoint.pattern() + " as " + role + ": " + response.statusCode()
                                + ", expected the request to reach the service");
                    }
                } else if (!filtered) {
                    violations.add(endpoint.method() + " " + endpoint.pattern() + " as " + role + ": " + response.statusCode()
                            + ", expected the filter's 403");
                }
            }
        }
        return violations;
    }

    /**
     * {@link #violations(List)} for an expectation table written as {@code "METHOD /path/{var}" -> role claim values}, the
     * form the services' ApiAccessIT keep next to their endpoints.
     */
    public List<String> violations(Map<String, Set<String>> expected) throws IOException, InterruptedException {
        return violations(expected.entrySet().stream().map(entry -> {
            String[] methodAndPath = entry.getKey().split(" ", 2);
            return new Endpoint(methodAndPath[0], methodAndPath[1], entry.getValue());
        }).toList());
    }

    /** Each answer that is not a proper refusal of a bad token: 401, {@code WWW-Authenticate: Bearer}, problem+json. */
    public static List<String> notRefusedAsUnauthenticated(Map<String, HttpResponse<String>> answers) {
        List<String> problems = new ArrayList<>();
        answers.forEach((kind, response) -> {
            boolean challenged = response.headers().firstValue("WWW-Authenticate").filter(value -> value.startsWith("Bearer")).isPresent();
            boolean problem = response.headers().firstValue("Content-Type").filter("application/problem+json"::equals).isPresent()
                    && response.body().contains("\"status\":401") && response.body().contains("https://carerelay.no/problems/unauthenticated");
            if (response.statusCode() != 401 || !challenged || !problem) {
                problems.add(kind + ": " + response.statusCode() + (challenged ? "" : ", no Bearer challenge") + (problem ? "" : ", not the 401 problem"));
            }
        });
        return problems;
    }

    /** The answers to tokens that must all be refused with 401, by kind of token; the caller asserts on them. */
    public Map<String, HttpResponse<String>> badTokenAnswers(String method, String path, String role, String kommunenummer)
            throws IOException, InterruptedException {
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("expired", tokens.expiredToken(role, kommunenummer));
        badTokens.put("wrong audience", tokens.tokenForAudience("another-service", role, kommunenummer));
        badTokens.put("wrong issuer", tokens.tokenFromIssuer("https://issuer.example", role, kommunenummer));
        badTokens.put("unknown key", tokens.tokenSignedByUnknownKey(role, kommunenummer));
        badTokens.put("alg=none", tokens.unsignedToken(role, kommunenummer));
        badTokens.put("HS256 with the public key", tokens.hmacToken(role, kommunenummer));
        badTokens.put("not a JWT", "not-a-jwt");
        if (kommunenummer != null) {
            badTokens.put("municipal role without kommunenummer", tokens.token(role + "-user", List.of(role), null));
        }
        badTokens.put("no CareRelay role", tokens.token("someone", List.of("administrator"), null));
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> bad : badTokens.entrySet()) {
            answers.put(bad.getKey(), call(method, path, bad.getValue()));
        }
        return answers;
    }

    /** One call with a bearer token (or none) and an empty JSON object as the body of a POST, PUT or PATCH. */
    public HttpResponse<String> call(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String concrete(String pattern) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (at < pattern.length()) {
            int open = pattern.indexOf('{', at);
            if (open < 0) {
                path.append(pattern, at, pattern.length());
                break;
            }
            int close = pattern.indexOf('}', open);
            path.append(pattern, at, open).append(pathVariableValues.apply(pattern.substring(open + 1, close)));
            at = close + 1;
        }
        return path.toString();
    }
}
