package no.carerelay.collaboration.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventTypes;
import no.carerelay.resourceserver.EndpointCoverage;
import no.carerelay.resourceserver.EndpointRule;
import no.carerelay.resourceserver.Role;

/**
 * A municipality sees and acts on the cases addressed to the kommunenummer of its token and the patients it has a
 * work-related connection to, and nothing else, whatever the request says about itself. Real data for Oslo (0301):
 * a handover case opened over Kafka, a care team, a task, an individual plan and a needs assessment; Tromsø (4601),
 * as a municipality's system and as a municipal coordinator, calls every endpoint that names a case, patient, task
 * or team member, with valid requests and with the old identity headers claiming to be Oslo, and is refused every
 * time without anything changing. The endpoints to check come from Spring MVC: a new endpoint with a path variable,
 * or a listing a municipal role may call, fails {@link #shouldHaveATenantCheckForEveryEndpointThatNamesACasePatientOrTaskOrListsThem}
 * until it is added here.
 */
class TenantIsolationIT extends CollaborationIT {

    private static final String ADDRESSED = "0301";
    private static final String OTHER = "4601";
    private static final String PLAN_GOAL = "Live at home with the family";
    private static final String TASK_TITLE = "Arrange transport to radiotherapy";

    /** Oslo's data, created fresh for each test. */
    private record Fixture(String pseudonym, UUID caseId, UUID memberId, UUID taskId, String coordinator, String coordinatorToken) {
    }

    /** A request to make for the fixture: a valid one, so that only the tenant rule can refuse it. */
    private record Call(String path, String body) {
    }

    /** Every endpoint that names a case, a patient, a task or a team member, and how to call it for the fixture. */
    private static final Map<String, Function<Fixture, Call>> NAMING = Map.ofEntries(
            Map.entry("GET /api/v1/handover-cases/{caseId}", f -> new Call("/api/v1/handover-cases/" + f.caseId(), null)),
            Map.entry("POST /api/v1/handover-cases/{caseId}/receive", f -> new Call("/api/v1/handover-cases/" + f.caseId() + "/receive", null)),
            Map.entry("POST /api/v1/handover-cases/{caseId}/accept", f -> new Call("/api/v1/handover-cases/" + f.caseId() + "/accept", "{}")),
            Map.entry("POST /api/v1/handover-cases/{caseId}/reject",
                    f -> new Call("/api/v1/handover-cases/" + f.caseId() + "/reject", "{\"reason\":\"No short-term bed\"}")),
            Map.entry("POST /api/v1/handover-cases/{caseId}/complete", f -> new Call("/api/v1/handover-cases/" + f.caseId() + "/complete", null)),
            Map.entry("GET /api/v1/patients/{patient}/care-team", f -> new Call(patient(f, "/care-team"), null)),
            Map.entry("POST /api/v1/patients/{patient}/care-team", f -> new Call(patient(f, "/care-team"),
                    "{\"role\":\"HOME_NURSING\",\"organisationNumber\":\"940192226\",\"municipality\":\"" + OTHER + "\"}")),
            Map.entry("DELETE /api/v1/patients/{patient}/care-team/{memberId}", f -> new Call(patient(f, "/care-team/" + f.memberId()), null)),
            Map.entry("GET /api/v1/patients/{patient}/tasks", f -> new Call(patient(f, "/tasks"), null)),
            Map.entry("POST /api/v1/patients/{patient}/tasks", f -> new Call(patient(f, "/tasks"), task("Planted task", "2030-01-01T08:00:00Z"))),
            Map.entry("POST /api/v1/tasks/{taskId}/start", f -> new Call("/api/v1/tasks/" + f.taskId() + "/start", null)),
            Map.entry("POST /api/v1/tasks/{taskId}/complete", f -> new Call("/api/v1/tasks/" + f.taskId() + "/complete", null)),
            Map.entry("POST /api/v1/tasks/{taskId}/cancel", f -> new Call("/api/v1/tasks/" + f.taskId() + "/cancel", null)),
            Map.entry("GET /api/v1/patients/{patient}/individual-plan", f -> new Call(patient(f, "/individual-plan"), null)),
            Map.entry("PUT /api/v1/patients/{patient}/individual-plan",
                    f -> new Call(patient(f, "/individual-plan"), "{\"version\":1,\"goals\":[\"Overwritten\"],\"measures\":[]}")),
            Map.entry("GET /api/v1/patients/{patient}/needs-assessments", f -> new Call(patient(f, "/needs-assessments"), null)),
            Map.entry("POST /api/v1/patients/{patient}/needs-assessments",
                    f -> new Call(patient(f, "/needs-assessments"), "{\"instrument\":\"ESAS_R\",\"scores\":{\"PAIN\":9}}")));

    /** Every listing a municipal role may call; another municipality's listing must show nothing of the fixture. */
    private static final Map<String, Function<Fixture, Call>> LISTINGS = Map.of(
            "GET /api/v1/handover-cases", f -> new Call("/api/v1/handover-cases?size=200", null),
            "GET /api/v1/worklist", f -> new Call("/api/v1/worklist?size=200", null),
            "GET /api/v1/worklist/patients", f -> new Call("/api/v1/worklist/patients", null));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    EndpointRule.Rules rules;

    @Test
    void shouldHaveATenantCheckForEveryEndpointThatNamesACasePatientOrTaskOrListsThem() {
        Set<String> naming = new TreeSet<>();
        Set<String> municipalListings = new TreeSet<>();
        for (EndpointCoverage.MappedEndpoint endpoint : EndpointCoverage.endpoints(mappings, rules)) {
            String key = endpoint.method() + " " + endpoint.pattern();
            if (endpoint.pattern().contains("{")) {
                naming.add(key);
            } else if (endpoint.rule().map(rule -> rule.roles().stream().anyMatch(Role::actsForMunicipality)).orElse(false)) {
                municipalListings.add(key);
            }
        }

        assertThat(NAMING.keySet()).as("every mapped endpoint with a path variable, and nothing else").containsExactlyInAnyOrderElementsOf(naming);
        assertThat(LISTINGS.keySet()).as("every listing a municipal role may call").containsExactlyInAnyOrderElementsOf(municipalListings);
    }

    @Test
    void shouldRefuseAnotherMunicipalitysCallersOnEveryCasePatientAndTaskEndpointAndChangeNothing() {
        Fixture oslo = fixture();
        String before = snapshot(oslo);

        SoftAssertions softly = new SoftAssertions();
        for (String role : List.of("municipality", "municipal-coordinator")) {
            String tromso = tokens.token(role + "-" + OTHER, List.of(role), OTHER);
            NAMING.forEach((endpoint, call) -> {
                Call request = call.apply(oslo);
                // the old identity headers, claiming to be Oslo's coordinator: nothing reads them any more
                HttpResponse<String> response = call(endpoint.split(" ")[0], request.path(), tromso, request.body(),
                        "X-CareRelay-User", oslo.coordinator(), "X-CareRelay-Municipality", ADDRESSED);
                refused(softly, role + " of " + OTHER + ": " + endpoint, response, oslo, request);
            });
        }
        softly.assertAll();

        assertThat(snapshot(oslo)).as("nothing of Oslo's data changed").isEqualTo(before);
    }

    @Test
    void shouldLetTheAddressedMunicipalityReadEveryCaseAndPatientEndpointTheOtherIsRefused() {
        Fixture oslo = fixture();
        String osloSystem = asMunicipality("fagsystem-" + ADDRESSED, ADDRESSED);

        SoftAssertions softly = new SoftAssertions();
        NAMING.forEach((endpoint, call) -> {
            if (endpoint.startsWith("GET ")) {
                HttpResponse<String> response = get(call.apply(oslo).path(), oslo.coordinatorToken());
                softly.assertThat(response.statusCode()).as("municipal-coordinator of " + ADDRESSED + ": " + endpoint + " " + response.body())
                        .isEqualTo(200);
            }
        });
        softly.assertThat(get("/api/v1/handover-cases/" + oslo.caseId(), osloSystem).statusCode()).as("municipality of " + ADDRESSED).isEqualTo(200);
        softly.assertThat(body(get("/api/v1/handover-cases?size=200", osloSystem)).get("items").findValuesAsString("id"))
                .contains(oslo.caseId().toString());
        softly.assertThat(body(get("/api/v1/worklist?patient=" + oslo.pseudonym(), oslo.coordinatorToken())).get("items").findValuesAsString("id"))
                .contains(oslo.caseId().toString(), oslo.taskId().toString());
        softly.assertThat(body(get("/api/v1/worklist/patients", oslo.coordinatorToken())).findValuesAsString("patientPseudonym"))
                .containsExactly(oslo.pseudonym());
        softly.assertAll();
    }

    @Test
    void shouldShowAnotherMunicipalityNoneOfTheCasesOrPatientsInItsListings() {
        Fixture oslo = fixture();

        SoftAssertions softly = new SoftAssertions();
        for (String role : List.of("municipality", "municipal-coordinator")) {
            String tromso = tokens.token(role + "-" + OTHER, List.of(role), OTHER);
            LISTINGS.forEach((endpoint, call) -> {
                HttpResponse<String> response = call(endpoint.split(" ")[0], call.apply(oslo).path(), tromso, null,
                        "X-CareRelay-Municipality", ADDRESSED);
                softly.assertThat(response.statusCode()).as(role + ": " + endpoint).isIn(200, 403);
                softly.assertThat(response.body()).as(role + ": " + endpoint).doesNotContain(oslo.pseudonym())
                        .doesNotContain(oslo.caseId().toString()).doesNotContain(oslo.taskId().toString()).doesNotContain(TASK_TITLE);
            });
            HttpResponse<String> filtered = get("/api/v1/worklist?patient=" + oslo.pseudonym(), tromso);
            if (filtered.statusCode() == 200) {
                softly.assertThat(body(filtered).get("total").asLong()).as(role + ": worklist filtered to Oslo's patient").isZero();
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldIgnoreAKommunenummerClaimOnATokenWithoutAMunicipalRole() {
        Fixture oslo = fixture();
        String before = snapshot(oslo);
        String claimsOslo = tokens.token("forlop-not-on-the-team", List.of("pathway-coordinator"), ADDRESSED);

        SoftAssertions softly = new SoftAssertions();
        NAMING.forEach((endpoint, call) -> {
            Call request = call.apply(oslo);
            refused(softly, "pathway-coordinator claiming " + ADDRESSED + ": " + endpoint,
                    call(endpoint.split(" ")[0], request.path(), claimsOslo, request.body()), oslo, request);
        });
        softly.assertThat(body(get("/api/v1/handover-cases?size=200", claimsOslo)).get("items").findValuesAsString("id"))
                .doesNotContain(oslo.caseId().toString());
        softly.assertAll();

        assertThat(snapshot(oslo)).isEqualTo(before);
    }

    /** Refused as a problem (403 by the filter or the service, or 404), and nothing of the fixture in the answer. */
    private static void refused(SoftAssertions softly, String who, HttpResponse<String> response, Fixture f, Call request) {
        softly.assertThat(response.statusCode()).as(who + " " + response.body()).isIn(403, 404);
        softly.assertThat(response.headers().firstValue("Content-Type")).as(who).hasValue("application/problem+json");
        softly.assertThat(response.body()).as(who).contains("\"status\":" + response.statusCode(), "https://carerelay.no/problems/")
                .doesNotContain(TASK_TITLE).doesNotContain(PLAN_GOAL).doesNotContain(f.coordinator());
        if (!request.path().contains(f.pseudonym())) {
            softly.assertThat(response.body()).as(who + ": the patient behind a case or task").doesNotContain(f.pseudonym());
        }
    }

    /** A handover case addressed to Oslo (over Kafka, as trajectory-service sends it), and the patient's care around it. */
    private Fixture fixture() {
        String pseudonym = newPseudonym();
        send(handoverRequired(pseudonym, ADDRESSED, clock.instant().plus(Duration.ofDays(30)), UUID.randomUUID()));
        UUID caseId = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();
        String coordinator = "kk-" + ADDRESSED + "-" + pseudonym.substring(1, 7);
        String token = asMunicipalCoordinator(coordinator, ADDRESSED);
        String base = "/api/v1/patients/" + pseudonym;

        HttpResponse<String> member = post(base + "/care-team", token, "{\"role\":\"MUNICIPAL_CANCER_COORDINATOR\",\"userId\":\"" + coordinator
                + "\",\"organisationNumber\":\"974760673\",\"municipality\":\"" + ADDRESSED + "\"}");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
        assertThat(post(base + "/care-team", token, "{\"role\":\"PATHWAY_COORDINATOR\",\"userId\":\"forlop-" + pseudonym.substring(1, 7)
                + "\",\"organisationNumber\":\"983974899\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> task = post(base + "/tasks", token, task(TASK_TITLE, clock.instant().plus(Duration.ofDays(30)).toString()));
        assertThat(task.statusCode()).as(task.body()).isEqualTo(201);
        assertThat(put(base + "/individual-plan", token, "{\"version\":0,\"goals\":[\"" + PLAN_GOAL + "\"],\"measures\":[{\"description\":"
                + "\"Weekly call\",\"responsibleRole\":\"MUNICIPAL_CANCER_COORDINATOR\"}]}").statusCode()).isEqualTo(200);
        assertThat(post(base + "/needs-assessments", token, "{\"instrument\":\"ESAS_R\",\"scores\":{\"PAIN\":2}}").statusCode()).isEqualTo(201);
        return new Fixture(pseudonym, caseId, UUID.fromString(body(member).get("id").asString()), UUID.fromString(body(task).get("id").asString()),
                coordinator, token);
    }

    /** Everything a refused call could have changed: the case and its history, the team, the tasks, the plan, the assessments. */
    private String snapshot(Fixture f) {
        List<String> state = new ArrayList<>();
        state.add(jdbc.sql("""
                        SELECT status || '|' || updated_at || '|' || COALESCE(received_by, '') || '|' || COALESCE(accepted_by, '') || '|'
                               || COALESCE(rejected_by, '') || '|' || COALESCE(completed_by, '')
                          FROM handover_case WHERE id = ?""").param(f.caseId()).query(String.class).single());
        state.add(jdbc.sql("SELECT count(*) FROM handover_case_history WHERE case_id = ?").param(f.caseId()).query(Long.class).single().toString());
        state.add(one("SELECT string_agg(id || ':' || role || ':' || COALESCE(CAST(ended_at AS TEXT), 'active'), ',' ORDER BY id) "
                + "FROM care_team_member WHERE patient_pseudonym = ?", f.pseudonym()));
        state.add(one("SELECT string_agg(id || ':' || status || ':' || updated_at, ',' ORDER BY id) FROM task WHERE patient_pseudonym = ?",
                f.pseudonym()));
        state.add(one("SELECT version || ':' || CAST(goals AS TEXT) FROM individual_plan WHERE patient_pseudonym = ?", f.pseudonym()));
        state.add(one("SELECT CAST(count(*) AS TEXT) FROM needs_assessment WHERE patient_pseudonym = ?", f.pseudonym()));
        return String.join("\n", state);
    }

    private String one(String sql, String pseudonym) {
        return jdbc.sql(sql).param(pseudonym).query(String.class).list().toString();
    }

    private static String patient(Fixture f, String rest) {
        return "/api/v1/patients/" + f.pseudonym() + rest;
    }

    private static String task(String title, String dueAt) {
        return "{\"title\":\"" + title + "\",\"ownerType\":\"ROLE\",\"owner\":\"MUNICIPAL_CANCER_COORDINATOR\",\"priority\":\"URGENT\",\"dueAt\":\""
                + dueAt + "\"}";
    }
}
