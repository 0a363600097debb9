package no.carerelay.collaboration.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.carerelay.collaboration.access.AccessLogVerifier;
import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.resourceserver.EndpointCoverage;
import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.testkit.AccessMatrix;

/**
 * Every endpoint collaboration-service maps, called with no token, with each role's token and with every kind of
 * token that must be refused; and every refusal of the filter in the access log. The endpoints come from Spring
 * MVC itself, so a new endpoint is in this test the moment it exists (and the service does not start until it has
 * a rule). Which municipality's cases and patients a caller gets is {@link TenantIsolationIT}'s subject.
 */
class ApiAccessIT extends CollaborationIT {

    private static final Set<String> MUNICIPAL = Set.of("municipality", "municipal-coordinator");
    private static final Set<String> COORDINATORS = Set.of("municipal-coordinator", "pathway-coordinator");
    private static final Set<String> CASE_READERS = Set.of("municipality", "municipal-coordinator", "pathway-coordinator");

    /** Who may call what, written down here independently of the rules: a widened rule fails this test too. */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("GET /api/v1/handover-cases", CASE_READERS),
            Map.entry("GET /api/v1/handover-cases/{caseId}", CASE_READERS),
            Map.entry("POST /api/v1/handover-cases/{caseId}/receive", MUNICIPAL),
            Map.entry("POST /api/v1/handover-cases/{caseId}/accept", MUNICIPAL),
            Map.entry("POST /api/v1/handover-cases/{caseId}/reject", MUNICIPAL),
            Map.entry("POST /api/v1/handover-cases/{caseId}/complete", MUNICIPAL),
            Map.entry("GET /api/v1/patients/{patient}/care-team", COORDINATORS),
            Map.entry("POST /api/v1/patients/{patient}/care-team", COORDINATORS),
            Map.entry("DELETE /api/v1/patients/{patient}/care-team/{memberId}", COORDINATORS),
            Map.entry("GET /api/v1/patients/{patient}/tasks", COORDINATORS),
            Map.entry("POST /api/v1/patients/{patient}/tasks", COORDINATORS),
            Map.entry("POST /api/v1/tasks/{taskId}/start", COORDINATORS),
            Map.entry("POST /api/v1/tasks/{taskId}/complete", COORDINATORS),
            Map.entry("POST /api/v1/tasks/{taskId}/cancel", COORDINATORS),
            Map.entry("GET /api/v1/patients/{patient}/individual-plan", COORDINATORS),
            Map.entry("PUT /api/v1/patients/{patient}/individual-plan", COORDINATORS),
            Map.entry("GET /api/v1/patients/{patient}/needs-assessments", COORDINATORS),
            Map.entry("POST /api/v1/patients/{patient}/needs-assessments", COORDINATORS),
            Map.entry("GET /api/v1/worklist", COORDINATORS),
            Map.entry("GET /api/v1/worklist/patients", COORDINATORS),
            Map.entry("GET /api/v1/audit/access-log", Set.of("auditor")),
            Map.entry("GET /api/v1/audit/access-log/verification", Set.of("auditor")));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    EndpointRule.Rules rules;

    @Autowired
    AccessLogVerifier verifier;

    @Test
    void shouldAnswerEveryMappedEndpointAsExpectedForNoTokenAndEveryRole() throws Exception {
        List<String> mapped = EndpointCoverage.endpoints(mappings, rules).stream().map(endpoint -> endpoint.method() + " " + endpoint.pattern())
                .toList();
        assertThat(mapped).as("every mapped endpoint has an expectation here, and every expectation an endpoint")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

        List<String> violations = matrix().violations(EXPECTED);

        assertThat(violations).isEmpty();
    }

    @Test
    void shouldRefuseEveryBadTokenWith401AndAProblem() throws Exception {
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        matrix().badTokenAnswers("POST", "/api/v1/handover-cases/" + UUID.randomUUID() + "/accept", "municipality", "0301")
                .forEach((kind, response) -> answers.put("municipality, " + kind, response));
        matrix().badTokenAnswers("GET", "/api/v1/patients/" + newPseudonym() + "/care-team", "pathway-coordinator", null)
                .forEach((kind, response) -> answers.put("pathway-coordinator, " + kind, response));

        assertThat(answers).hasSize(17);
        assertThat(AccessMatrix.notRefusedAsUnauthenticated(answers)).isEmpty();
    }

    @Test
    void shouldLeaveHealthTheScrapeAndTheApiDescriptionOpen() throws Exception {
        assertThat(matrix().call("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(matrix().call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(matrix().call("GET", "/v3/api-docs", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAPathNoRuleNamesEvenWithAValidToken() throws Exception {
        HttpResponse<String> response = matrix().call("GET", "/api/v1/patients", tokens.token("auditor", null));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains(AccessMatrix.FORBIDDEN_TYPE);
    }

    @Test
    void shouldWriteEveryRequestTheFilterRefusesToTheAccessLogUnderThePatientItNames() {
        String pseudonym = newPseudonym();
        String path = "/api/v1/patients/" + pseudonym + "/care-team";

        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get(path, tokens.expiredToken("pathway-coordinator", null)).statusCode()).isEqualTo(401);
        assertThat(get(path, asAuditor("revisor-nysgjerrig")).statusCode()).isEqualTo(403);
        assertThat(post(path, asMunicipality("kommune-system", "0301"), "{}").statusCode()).isEqualTo(403);

        List<String> logged = jdbc.sql("""
                        SELECT COALESCE(actor, '?') || ' ' || COALESCE(actor_roles, '?') || ' ' || COALESCE(actor_organisation, '?') || ' '
                               || COALESCE(actor_municipality, '?') || ' ' || resource_type || ' ' || action || ' ' || resource_id || ' '
                               || decision || ' ' || split_part(reason, ' ', 1)
                          FROM access_log WHERE patient_pseudonym = ? ORDER BY id""")
                .param(pseudonym).query(String.class).list();
        assertThat(logged).containsExactly(
                "? ? ? ? request GET " + path + " DENIED 401",
                "? ? ? ? request GET " + path + " DENIED 401",
                "revisor-nysgjerrig auditor test-organisation ? request GET " + path + " DENIED 403",
                "kommune-system municipality test-organisation 0301 request POST " + path + " DENIED 403");
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE patient_pseudonym = ? ORDER BY id").param(pseudonym).query(String.class).list())
                .satisfies(reasons -> {
                    assertThat(reasons.get(0)).contains("needs a bearer token");
                    assertThat(reasons.get(1)).contains("expired");
                    assertThat(reasons.get(2)).contains("[auditor] may not GET");
                });
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void shouldLogARefusedRequestWithoutAPatientWhenThePathNamesNoneOrNoPseudonym() {
        String tooShort = "not-a-pseudonym";
        String caseId = UUID.randomUUID().toString();

        assertThat(get("/api/v1/patients/" + tooShort + "/tasks", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/handover-cases/" + caseId + "/accept", asPathwayCoordinator("forlop-x"), "{}").statusCode()).isEqualTo(403);

        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE resource_id = ? AND patient_pseudonym IS NULL AND decision = 'DENIED'")
                .param("/api/v1/patients/" + tooShort + "/tasks").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor || ' ' || actor_roles FROM access_log WHERE resource_id = ? AND decision = 'DENIED'")
                .param("/api/v1/handover-cases/" + caseId + "/accept").query(String.class).list()).containsExactly("forlop-x pathway-coordinator");
    }

    @Test
    void shouldCountTheFiltersRefusalsAndTheServicesOwnUnderSeparateMetrics() {
        assertThat(get("/api/v1/worklist", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/worklist", asAuditor("revisor-1")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/patients/" + newPseudonym() + "/tasks", asPathwayCoordinator("forlop-stranger")).statusCode()).isEqualTo(403);

        List<String> scrape = get("/actuator/prometheus", null).body().lines().filter(line -> line.startsWith("carerelay_access_")).toList();

        assertThat(scrape).anySatisfy(line -> assertThat(line).startsWith("carerelay_access_denied_total{").contains("status=\"401\""))
                .anySatisfy(line -> assertThat(line).startsWith("carerelay_access_denied_total{").contains("status=\"403\""))
                .anySatisfy(line -> assertThat(line).startsWith("carerelay_access_refused_total{").contains("resource=\"patient\"")
                        .contains("action=\"read-tasks\""));
    }

    private AccessMatrix matrix() {
        // well-formed values, so an allowed role's call reaches the service (and is answered 400, 403 or 404 there)
        return new AccessMatrix("http://localhost:" + port, tokens,
                variable -> variable.equals("patient") ? newPseudonym() : UUID.randomUUID().toString());
    }
}
