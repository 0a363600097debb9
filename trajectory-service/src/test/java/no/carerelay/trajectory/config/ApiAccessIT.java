package no.carerelay.trajectory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import no.carerelay.trajectory.support.TrajectoryEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint trajectory-service maps, called with no token, with each role's token and with every kind of token
 * that must be refused; which patients a municipal coordinator may see; and that every refusal is in the access log.
 * The endpoints come from Spring MVC itself, so a new endpoint is in this test the moment it exists (and the service
 * does not start until it has a rule).
 *
 * <p>This context tests the HTTP API only: it has a database of its own, its Kafka consumers do not start (in the
 * shared consumer group they would take partitions, and so events, away from the other test contexts) and its deadline
 * scanner waits an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=trajectory-service",
        "carerelay.trajectory.deadlines.initial-delay=PT1H",
        "spring.cloud.stream.bindings.patientEncounters-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.collaborationHandovers-in-0.consumer.auto-startup=false"})
class ApiAccessIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("trajectory_access").forEach((name, value) -> registry.add(name, () -> value));
    }

    private static final TokenIssuer tokens = TestInfrastructure.tokens();
    private static final String HOSPITAL = "983974899";

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
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "POST /api/v1/patients/{pseudonym}/pathway-events", Set.of("hospital-system", "pathway-coordinator"),
            "GET /api/v1/patients/{pseudonym}/trajectories", Set.of("pathway-coordinator", "municipal-coordinator"),
            // reference data for every staff and system role; a patient token is for its own access log only
            "GET /api/v1/pathways", Set.of("hospital-system", "municipality", "municipal-coordinator", "pathway-coordinator", "operator", "auditor"),
            "GET /api/v1/lead-time-compliance", Set.of("operator", "pathway-coordinator", "municipal-coordinator"),
            "GET /api/v1/audit/access-log", Set.of("auditor"),
            "GET /api/v1/audit/access-log/verification", Set.of("auditor"));

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
        Map<String, HttpResponse<String>> answers = matrix().badTokenAnswers("GET", "/api/v1/patients/" + TrajectoryEvents.newPseudonym()
                + "/trajectories", "municipal-coordinator", "0301");

        assertThat(AccessMatrix.notRefusedAsUnauthenticated(answers)).isEmpty();
    }

    @Test
    void shouldLeaveHealthAndTheScrapeOpenForProbes() throws Exception {
        assertThat(matrix().call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(matrix().call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDescribeTheApiOpenlyWithBearerTokensAndWithoutTheCallerAsAParameter() throws Exception {
        HttpResponse<String> response = matrix().call("GET", "/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = json.readTree(response.body());
        assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(api.path("paths").path("/api/v1/patients/{pseudonym}/trajectories").path("get").path("parameters").findValuesAsString("name"))
                .containsExactly("pseudonym");
    }

    @Test
    void shouldRefuseAPathNoRuleNamesEvenWithAValidToken() throws Exception {
        HttpResponse<String> response = matrix().call("GET", "/api/v1/patients", tokens.token("pathway-coordinator", null));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLetAMunicipalCoordinatorReadOnlyThePatientsOfItsOwnMunicipality() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient, "A12A", "0301").statusCode()).isEqualTo(201);
        String oslo = tokens.token("kk-oslo", List.of("municipal-coordinator"), "0301");
        String bergen = tokens.token("kk-bergen", List.of("municipal-coordinator"), "4601");

        HttpResponse<String> refused = timeline(patient, bergen);
        HttpResponse<String> refusedDespiteHeader = send(HttpRequest.newBuilder(timelineUri(patient)).header("Authorization", "Bearer " + bergen)
                .header("X-CareRelay-Municipality", "0301").header("X-CareRelay-User", "kk-oslo").GET());
        HttpResponse<String> unknown = timeline(TrajectoryEvents.newPseudonym(), bergen);
        HttpResponse<String> read = timeline(patient, oslo);

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refusedDespiteHeader.statusCode()).as("the municipality comes from the token, never from a header").isEqualTo(404);
        assertThat(json.readTree(refused.body()).path("detail")).as("a refused patient looks like one nobody knows")
                .isEqualTo(json.readTree(unknown.body()).path("detail"));
        assertThat(refused.body()).doesNotContain("0301", "A12");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).path("trajectories").get(0).path("municipality").asString()).isEqualTo("0301");
        assertThat(timeline(patient, tokens.token("pathway-coordinator", null)).statusCode()).isEqualTo(200);
        assertThat(accessLog(patient)).containsExactly(
                "register-pathway-event:hospital-system-user:hospital-system:-:registered",
                "read-timeline:kk-bergen:municipal-coordinator:4601:denied",
                "read-timeline:kk-bergen:municipal-coordinator:4601:denied",
                "read-timeline:kk-oslo:municipal-coordinator:0301:read",
                "read-timeline:pathway-coordinator-user:pathway-coordinator:-:read");
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE patient_pseudonym = ? AND outcome = 'denied'").param(patient)
                .query(String.class).list()).containsOnly("the patient is not a resident of the caller's municipality");
    }

    @Test
    void shouldMoveThePatientToTheMunicipalityTheLatestEventNames() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient, "A12A", "0301").statusCode()).isEqualTo(201);
        assertThat(register(patient, "A12S", "4601").statusCode()).isEqualTo(201);

        assertThat(timeline(patient, tokens.token("municipal-coordinator", "4601")).statusCode()).isEqualTo(200);
        assertThat(timeline(patient, tokens.token("municipal-coordinator", "0301")).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldLogEveryRequestTheFilterRefusedWithWhoAndWhy() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        String auditor = tokens.token("revisor-1", List.of("auditor"), null);

        assertThat(timeline(patient, null).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + "/pathway-events"))
                .header("Authorization", "Bearer " + auditor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/lead-time-compliance"))
                .header("Authorization", "Bearer " + auditor).GET()).statusCode()).isEqualTo(403);

        assertThat(accessLog(patient)).containsExactly(
                "read-timeline:unidentified:-:-:denied",
                "register-pathway-event:revisor-1:auditor:-:denied");
        List<String> requests = jdbc.sql("SELECT request || ' ' || reason FROM access_log WHERE patient_pseudonym = ? ORDER BY id")
                .param(patient).query(String.class).list();
        assertThat(requests.get(0)).startsWith("GET /api/v1/patients/" + patient + "/trajectories 401: ");
        assertThat(requests.get(1)).startsWith("POST /api/v1/patients/" + patient + "/pathway-events 403: ").contains("[auditor]");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM access_log WHERE patient_pseudonym IS NULL AND actor = 'revisor-1' AND action = 'api-request'
                        AND request = 'GET /api/v1/lead-time-compliance' AND outcome = 'denied'""").query(Long.class).single())
                .as("a refusal that names no patient is logged without one").isPositive();
    }

    private HttpResponse<String> register(String patient, String code, String municipality) throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(1);
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + "/pathway-events"))
                .header("Authorization", tokens.bearer("hospital-system", null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"code":"%s","eventDate":"%s","municipality":"%s","hospital":{"organisationNumber":"%s"}}"""
                        .formatted(code, yesterday, municipality, HOSPITAL))));
    }

    /** @param token null for none */
    private HttpResponse<String> timeline(String patient, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(timelineUri(patient)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private URI timelineUri(String patient) {
        return URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + "/trajectories");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The patient's access log as action:actor:roles:municipality:outcome. */
    private List<String> accessLog(String patient) {
        return jdbc.sql("""
                        SELECT action || ':' || actor || ':' || coalesce(actor_roles, '-') || ':' || coalesce(actor_municipality, '-') || ':'
                               || outcome FROM access_log WHERE patient_pseudonym = ? ORDER BY id""")
                .param(patient).query(String.class).list();
    }

    private AccessMatrix matrix() {
        return new AccessMatrix("http://localhost:" + port, tokens, variable -> UUID.randomUUID().toString());
    }
}
