package no.carerelay.patient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

/**
 * Every endpoint patient-service maps, called with no token, with each role's token and with every kind of token
 * that must be refused. The endpoints come from Spring MVC itself, so a new endpoint is in this test the moment it
 * exists (and the service does not start until it has a rule).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=patient-service")
class ApiAccessIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_access").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.encryption-key", ApiAccessIT::randomKey);
        registry.add("carerelay.patient.lookup-key", ApiAccessIT::randomKey);
        registry.add("carerelay.patient.mllp.port", MllpClient::freePort);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    EndpointRule.Rules rules;

    @Autowired
    JdbcClient jdbc;

    /** Who may call what, written down here independently of the rules: a widened rule fails this test too. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "POST /api/v1/discharge-ready-notices", Set.of("hospital-system"),
            "POST /fhir/Encounter", Set.of("hospital-system"),
            "PUT /fhir/Encounter/{id}", Set.of("hospital-system"),
            "GET /api/v1/ingest-log", Set.of("operator"),
            "GET /api/v1/me/access-log", Set.of("patient"),
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
        Map<String, HttpResponse<String>> answers = matrix().badTokenAnswers("POST", "/api/v1/discharge-ready-notices", "hospital-system", null);

        assertThat(AccessMatrix.notRefusedAsUnauthenticated(answers)).isEmpty();
    }

    @Test
    void shouldLeaveHealthAndTheScrapeOpenForProbes() throws Exception {
        assertThat(matrix().call("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(matrix().call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAPathNoRuleNamesEvenWithAValidToken() throws Exception {
        HttpResponse<String> response = matrix().call("GET", "/api/v1/patients", TestInfrastructure.tokens().token("operator", null));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLogEachPatientAnOperatorIsShownAndEveryRefusal() throws Exception {
        String subject = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        String notice = """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899"},"visitNumber":"A%s","declaredAt":"%s"}"""
                .formatted(SyntheticNationalIds.fodselsnummer(new Random()), subject, Instant.now());
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices"))
                .header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notice)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String pseudonym = accepted.body().replaceAll(".*\"patientPseudonym\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        String operatorToken = TestInfrastructure.tokens().token(subject, List.of("operator"), null);
        assertThat(matrix().call("GET", "/api/v1/ingest-log?limit=5", operatorToken).statusCode()).isEqualTo(200);
        String municipalToken = TestInfrastructure.tokens().token(subject + "-k", List.of("municipality"), "4601");
        assertThat(matrix().call("GET", "/api/v1/ingest-log", municipalToken).statusCode()).isEqualTo(403);

        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE actor = ? AND patient_pseudonym = ? AND decision = 'GRANTED'")
                .params(subject, pseudonym).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor_roles || ' ' || actor_municipality || ' ' || resource FROM access_log WHERE actor = ? AND decision = 'DENIED'")
                .param(subject + "-k").query(String.class).single()).isEqualTo("municipality 4601 /api/v1/ingest-log");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_log WHERE actor = ?").param(subject).update())
                .hasMessageContaining("append-only");
    }

    private AccessMatrix matrix() {
        return new AccessMatrix("http://localhost:" + port, TestInfrastructure.tokens(), variable -> UUID.randomUUID().toString());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
