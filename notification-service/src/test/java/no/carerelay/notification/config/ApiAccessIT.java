package no.carerelay.notification.config;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.carerelay.resourceserver.EndpointCoverage;
import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.testkit.AccessMatrix;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.TokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint notification-service maps, called with no token, with each role's token and with every kind of token
 * that must be refused; and which subscriptions a municipality's system may see and change. The endpoints come from
 * Spring MVC itself, so a new endpoint is in this test the moment it exists (and the service does not start until it
 * has a rule).
 *
 * <p>This context tests the HTTP API only: it has a database of its own and its Kafka consumer does not start (in the
 * shared consumer group it would take partitions, and so events, away from the other test contexts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notification-service",
        "spring.cloud.stream.bindings.collaborationHandovers-in-0.consumer.auto-startup=false"})
class ApiAccessIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("notification_access").forEach((name, value) -> registry.add(name, () -> value));
    }

    private static final TokenIssuer tokens = TestInfrastructure.tokens();
    private static final String SUBSCRIPTIONS = "/api/v1/webhook-subscriptions";
    private static final String OSLO = tokens.token("oslo-fagsystem", List.of("municipality"), "0301");
    private static final String BERGEN = tokens.token("bergen-fagsystem", List.of("municipality"), "4601");
    private static final String OPERATOR = tokens.token("drift-1", List.of("operator"), null);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    EndpointRule.Rules rules;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** Who may call what, written down here independently of the rules: a widened rule fails this test too. */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            entry("POST /api/v1/webhook-subscriptions", Set.of("municipality", "operator")),
            entry("GET /api/v1/webhook-subscriptions", Set.of("municipality", "operator")),
            entry("GET /api/v1/webhook-subscriptions/{id}", Set.of("municipality", "operator")),
            entry("PUT /api/v1/webhook-subscriptions/{id}", Set.of("municipality", "operator")),
            entry("POST /api/v1/webhook-subscriptions/{id}/secret", Set.of("municipality", "operator")),
            entry("DELETE /api/v1/webhook-subscriptions/{id}", Set.of("municipality", "operator")),
            entry("GET /api/v1/deliveries", Set.of("operator")),
            entry("GET /api/v1/deliveries/{id}", Set.of("operator")),
            entry("POST /api/v1/deliveries/{id}/replay", Set.of("operator")),
            entry("POST /api/v1/contact-preferences", Set.of("operator")),
            entry("GET /api/v1/contact-preferences", Set.of("operator")),
            entry("GET /api/v1/contact-preferences/{id}", Set.of("operator")),
            entry("DELETE /api/v1/contact-preferences/{id}", Set.of("operator")),
            entry("GET /api/v1/contact-deliveries", Set.of("operator")),
            entry("POST /api/v1/contact-deliveries/{id}/replay", Set.of("operator")));

    @Test
    void shouldAnswerEveryMappedEndpointAsExpectedForNoTokenAndEveryRole() throws Exception {
        List<String> mapped = EndpointCoverage.endpoints(mappings, rules).stream().map(endpoint -> endpoint.method() + " " + endpoint.pattern()).toList();
        assertThat(mapped).as("every mapped endpoint has an expectation here, and every expectation an endpoint")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

        List<String> violations = matrix().violations(EXPECTED);

        assertThat(violations).isEmpty();
    }

    @Test
    void shouldRefuseEveryBadTokenWith401AndAProblem() throws Exception {
        Map<String, HttpResponse<String>> answers = matrix().badTokenAnswers("GET", SUBSCRIPTIONS, "municipality", "0301");

        assertThat(AccessMatrix.notRefusedAsUnauthenticated(answers)).isEmpty();
    }

    @Test
    void shouldLeaveHealthAndTheScrapeOpenForProbes() throws Exception {
        assertThat(matrix().call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(matrix().call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAPathNoRuleNamesEvenWithAValidToken() throws Exception {
        HttpResponse<String> response = matrix().call("GET", "/api/v1/webhook-deliveries", OPERATOR);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldNeverShowOrChangeAnotherMunicipalitysSubscription() throws Exception {
        HttpResponse<String> created = call("POST", SUBSCRIPTIONS, OSLO, subscription("0301", "https://oslo.kommune.example/carerelay"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID oslos = UUID.fromString(json.readTree(created.body()).path("id").asString());
        String secret = json.readTree(created.body()).path("secret").asString();
        HttpResponse<String> ownCreated = call("POST", SUBSCRIPTIONS, BERGEN, subscription("4601", "https://bergen.kommune.example/carerelay"));
        assertThat(ownCreated.statusCode()).isEqualTo(201);
        UUID bergens = UUID.fromString(json.readTree(ownCreated.body()).path("id").asString());
        String oslosPath = SUBSCRIPTIONS + "/" + oslos;

        List<HttpResponse<String>> attempts = List.of(
                call("GET", oslosPath, BERGEN, null),
                call("PUT", oslosPath, BERGEN, subscription(null, "https://bergen.kommune.example/stolen")),
                call("POST", oslosPath + "/secret", BERGEN, "{}"),
                call("DELETE", oslosPath, BERGEN, null));
        HttpResponse<String> nonexistent = call("GET", SUBSCRIPTIONS + "/" + UUID.randomUUID(), BERGEN, null);

        assertThat(attempts).as("another municipality's subscription is answered as one that does not exist").allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).path("type")).isEqualTo(json.readTree(nonexistent.body()).path("type"));
            assertThat(response.body()).doesNotContain("oslo");
        });
        assertThat(jdbc.sql("SELECT url || ' ' || secret || ' ' || active || ' ' || (previous_secret IS NULL) FROM webhook_subscription WHERE id = ?")
                .param(oslos).query(String.class).single()).as("nothing about it changed")
                .isEqualTo("https://oslo.kommune.example/carerelay " + secret + " true true");

        JsonNode listed = json.readTree(call("GET", SUBSCRIPTIONS, BERGEN, null).body());
        assertThat(listed.findValuesAsString("id")).contains(bergens.toString()).doesNotContain(oslos.toString());
        assertThat(listed.findValuesAsString("municipality")).containsOnly("4601");
        HttpResponse<String> othersListed = call("GET", SUBSCRIPTIONS + "?municipality=0301", BERGEN, null);
        assertThat(othersListed.statusCode()).isEqualTo(403);
        assertThat(othersListed.body()).contains("https://carerelay.no/problems/other-municipality").doesNotContain(oslos.toString());

        HttpResponse<String> own = call("GET", oslosPath, OSLO, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json.readTree(own.body()).path("url").asString()).isEqualTo("https://oslo.kommune.example/carerelay");
    }

    @Test
    void shouldRefuseASubscriptionForAnotherMunicipalityAndStoreNothing() throws Exception {
        String url = "https://bergen.kommune.example/" + UUID.randomUUID();

        HttpResponse<String> response = call("POST", SUBSCRIPTIONS, BERGEN, subscription("0301", url));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://carerelay.no/problems/other-municipality", "4601");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_subscription WHERE url = ?").param(url).query(Long.class).single()).isZero();
    }

    @Test
    void shouldLetAnOperatorManageEveryMunicipalitysSubscriptions() throws Exception {
        HttpResponse<String> created = call("POST", SUBSCRIPTIONS, OPERATOR, subscription("4601", "https://bergen.kommune.example/by-operator"));
        assertThat(created.statusCode()).isEqualTo(201);
        String path = SUBSCRIPTIONS + "/" + json.readTree(created.body()).path("id").asString();
        assertThat(call("POST", SUBSCRIPTIONS, OSLO, subscription("0301", "https://oslo.kommune.example/other")).statusCode()).isEqualTo(201);

        assertThat(json.readTree(call("GET", SUBSCRIPTIONS, OPERATOR, null).body()).findValuesAsString("municipality")).contains("0301", "4601");
        assertThat(call("GET", path, OPERATOR, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", path, BERGEN, null).statusCode()).as("the municipality sees what the operator set up for it").isEqualTo(200);
        assertThat(call("PUT", path, OPERATOR, subscription(null, "https://bergen.kommune.example/moved")).statusCode()).isEqualTo(200);
        assertThat(call("POST", path + "/secret", OPERATOR, "{}").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", path, OPERATOR, null).statusCode()).isEqualTo(204);
    }

    private static String subscription(String municipality, String url) {
        return """
                {%s"url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}"""
                .formatted(municipality == null ? "" : "\"municipality\":\"" + municipality + "\",", url);
    }

    /** @param body null for none */
    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private AccessMatrix matrix() {
        return new AccessMatrix("http://localhost:" + port, tokens, variable -> UUID.randomUUID().toString());
    }
}
