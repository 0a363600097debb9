package no.carerelay.collaboration.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.TaskOverdue;
import no.carerelay.contracts.collaboration.TaskOwnerType;
import no.carerelay.contracts.collaboration.TaskPriority;
import tools.jackson.databind.JsonNode;

class CareCoordinationIT extends CollaborationIT {

    private static final String HOSPITAL_ORG = "983974899";
    private static final String MUNICIPAL_ORG = "974760673";

    @Test
    void shouldCreateAFollowUpTaskForTheCancerCoordinatorWhenAScoreReachesItsConfiguredThreshold() {
        Patient p = patientWithTeam();

        JsonNode distress = body(post(p.base + "/needs-assessments", p.coordinator,
                "{\"instrument\":\"DISTRESS_THERMOMETER\",\"contactPoint\":\"SP2\",\"scores\":{\"DISTRESS\":6},"
                        + "\"problems\":[{\"category\":\"PRACTICAL\",\"item\":\"Transport\"},{\"category\":\"EMOTIONAL\",\"item\":\"Worry\"}]}"));
        assertThat(distress.get("exceeded").get(0).get("item").asString()).isEqualTo("DISTRESS");
        assertThat(distress.get("exceeded").get(0).get("threshold").asInt()).isEqualTo(4);
        String distressTask = distress.get("followUpTaskId").asString();

        // PAIN has its own threshold (5, configured for these tests); TIREDNESS uses the default 7
        JsonNode esas = body(post(p.base + "/needs-assessments", p.coordinator,
                "{\"instrument\":\"ESAS_R\",\"contactPoint\":\"SP2\",\"scores\":{\"PAIN\":5,\"TIREDNESS\":6,\"NAUSEA\":2}}"));
        assertThat(esas.get("exceeded").findValuesAsString("item")).containsExactly("PAIN");
        JsonNode calm = body(post(p.base + "/needs-assessments", p.coordinator,
                "{\"instrument\":\"ESAS_R\",\"scores\":{\"PAIN\":4,\"TIREDNESS\":6}}"));
        assertThat(calm.get("exceeded")).isEmpty();
        assertThat(calm.get("followUpTaskId").isNull()).isTrue();

        JsonNode tasks = body(get(p.base + "/tasks", p.coordinator));
        assertThat(tasks).hasSize(2);
        JsonNode task = find(tasks, distressTask);
        assertThat(task.get("ownerType").asString()).isEqualTo("PERSON");
        assertThat(task.get("owner").asString()).isEqualTo("kk-" + p.municipality);
        assertThat(task.get("priority").asString()).isEqualTo("URGENT");
        assertThat(task.get("source").asString()).isEqualTo("NEEDS_ASSESSMENT");
        assertThat(task.get("title").asString()).contains("DISTRESS 6 (threshold 4)");
        assertThat(body(get(p.base + "/needs-assessments", p.coordinator))).hasSize(3);
    }

    @Test
    void shouldRaiseTaskOverdueOnceWhenATaskPassesItsDueDateAndRefuseMovesFromAFinalState() {
        Patient p = patientWithTeam();
        String taskId = body(post(p.base + "/tasks", p.coordinator, task("Call the GP", "ROLE", "GP", "ROUTINE",
                clock.instant().plus(Duration.ofMinutes(10))))).get("id").asString();

        clock.advance(Duration.ofMinutes(11));

        TaskOverdue overdue = await(EventTypes.TASK_OVERDUE, p.pseudonym, 1).get(0);
        assertThat(overdue.taskId()).hasToString(taskId);
        assertThat(overdue.ownerType()).isEqualTo(TaskOwnerType.ROLE);
        assertThat(overdue.owner()).isEqualTo("GP");
        assertThat(overdue.priority()).isEqualTo(TaskPriority.ROUTINE);
        assertThat(overdue.municipality()).isEqualTo(p.municipality);
        assertThat(post("/api/v1/tasks/" + taskId + "/complete", p.coordinator, null).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("/api/v1/tasks/" + taskId + "/start", p.coordinator, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).get("currentStatus").asString()).isEqualTo("COMPLETED");
        assertThat(body(again).get("allowedTransitions")).isEmpty();
        assertThat(all(EventTypes.TASK_OVERDUE, p.pseudonym)).hasSize(1);
    }

    @Test
    void shouldListTheWorklistMostUrgentFirstFilteredAndPaged() {
        Patient p = patientWithTeam();
        String user = "kk-" + p.municipality;
        Instant now = clock.instant();
        post(p.base + "/tasks", p.coordinator, task("Routine follow-up", "PERSON", user, "ROUTINE", now.plus(Duration.ofDays(3))));
        post(p.base + "/tasks", p.coordinator, task("Arrange home nursing", "ROLE", "MUNICIPAL_CANCER_COORDINATOR", "ASAP",
                now.minus(Duration.ofHours(1))));
        post(p.base + "/tasks", p.coordinator, task("Someone else's task", "PERSON", "another-user", "STAT", now.minus(Duration.ofHours(2))));
        // the handover case the patient came with is due in the past: overdue, the most urgent item
        JsonNode all = body(get("/api/v1/worklist?patient=" + p.pseudonym, p.coordinator));

        assertThat(all.get("total").asLong()).isEqualTo(3);
        List<String> order = new ArrayList<>();
        all.get("items").forEach(item -> order.add(item.get("kind").asString() + ":" + item.get("urgency").asInt()));
        assertThat(order).containsExactly("HANDOVER:0", "TASK:1", "TASK:5");

        JsonNode tasksOnly = body(get("/api/v1/worklist?patient=" + p.pseudonym + "&kind=TASK&size=1&page=1", p.coordinator));
        assertThat(tasksOnly.get("total").asLong()).isEqualTo(2);
        assertThat(tasksOnly.get("items")).hasSize(1);
        assertThat(tasksOnly.get("items").get(0).get("title").asString()).isEqualTo("Routine follow-up");
        JsonNode overdueOnly = body(get("/api/v1/worklist?patient=" + p.pseudonym + "&overdue=true&kind=TASK", p.coordinator));
        assertThat(overdueOnly.get("items").findValuesAsString("title")).containsExactly("Arrange home nursing");

        JsonNode mine = body(get("/api/v1/worklist/patients", p.coordinator));
        assertThat(mine.findValuesAsString("patientPseudonym")).containsExactly(p.pseudonym);
        assertThat(mine.get(0).get("overdueTasks").asLong()).isEqualTo(2);

        HttpResponse<String> bad = get("/api/v1/worklist?kind=EVERYTHING&priority=HIGH", p.coordinator);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("kind", "priority");
    }

    @Test
    void shouldLetTheMunicipalityLeadThePlanWhenBothSectorsServeAndRefuseStaleOrUnownedEdits() {
        Patient p = patientWithTeam();
        String user = "kk-" + p.municipality;

        HttpResponse<String> unowned = put(p.base + "/individual-plan", p.coordinator,
                "{\"version\":0,\"goals\":[\"Live at home\"],\"measures\":[{\"description\":\"Pain clinic\",\"responsibleRole\":\"PALLIATIVE_TEAM\"}]}");
        assertThat(unowned.statusCode()).isEqualTo(400);
        assertThat(body(unowned).get("errors").get(0).get("field").asString()).isEqualTo("measures[0].responsibleRole");

        HttpResponse<String> created = put(p.base + "/individual-plan", p.coordinator,
                "{\"version\":0,\"goals\":[\"Live at home\"],\"measures\":[{\"description\":\"Home nursing twice daily\","
                        + "\"responsibleRole\":\"MUNICIPAL_CANCER_COORDINATOR\",\"dueDate\":\"2030-01-31\"},"
                        + "{\"description\":\"Follow-up at the outpatient clinic\",\"responsibleRole\":\"PATHWAY_COORDINATOR\"}]}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(body(created).get("leadSector").asString()).isEqualTo("MUNICIPALITY");
        assertThat(body(created).get("version").asInt()).isEqualTo(1);

        HttpResponse<String> stale = put(p.base + "/individual-plan", asPathwayCoordinator("forlop-1"),
                "{\"version\":0,\"goals\":[\"Other goal\"],\"measures\":[]}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(body(stale).get("currentVersion").asInt()).isEqualTo(1);
        assertThat(body(get(p.base + "/individual-plan", asPathwayCoordinator("forlop-1"))).get("goals").get(0).asString()).isEqualTo("Live at home");
    }

    @Test
    void shouldRefuseAndLogCareDataRequestsFromSomeoneWithNoConnectionToThePatient() {
        Patient p = patientWithTeam();
        String stranger = newMunicipality();

        HttpResponse<String> response = get(p.base + "/care-team", asMunicipalCoordinator("nysgjerrig-1", stranger));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(body(response).get("type").asString()).isEqualTo("https://carerelay.no/problems/no-work-related-need");
        assertThat(body(response).get("detail").asString()).doesNotContain(p.pseudonym);
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE resource_id = ? AND actor = 'nysgjerrig-1' AND decision = 'DENIED'")
                .param(p.pseudonym).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldLogEveryGrantedReadAndChangeOfAPatientsCareDataAndTheWorklistsThatShowedThem() {
        Patient p = patientWithTeam();
        String user = "kk-" + p.municipality;

        assertThat(get(p.base + "/care-team", asPathwayCoordinator("forlop-1")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/worklist/patients", asPathwayCoordinator("forlop-1")).statusCode()).isEqualTo(200);

        List<String> logged = jdbc.sql("""
                        SELECT resource_type || ':' || action || ':' || actor || ':' || actor_roles || ':' || decision FROM access_log
                        WHERE patient_pseudonym = ? AND resource_type <> 'handover-case' ORDER BY id""")
                .param(p.pseudonym).query(String.class).list();
        assertThat(logged).containsExactly(
                "patient:add-care-team-member:" + user + ":municipal-coordinator:GRANTED",
                "patient:add-care-team-member:" + user + ":municipal-coordinator:GRANTED",
                "patient:read-care-team:forlop-1:pathway-coordinator:GRANTED",
                "worklist:read-my-patients:forlop-1:pathway-coordinator:GRANTED");
    }

    /** A patient with a handover case to a fresh municipality (which gives that municipality access) and a two-sector team. */
    private Patient patientWithTeam() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        send(handoverRequired(pseudonym, municipality, clock.instant().minus(Duration.ofMinutes(5)), UUID.randomUUID()));
        await(EventTypes.HANDOVER_OPENED, pseudonym, 1);
        String base = "/api/v1/patients/" + pseudonym;
        String user = "kk-" + municipality;
        String coordinator = asMunicipalCoordinator(user, municipality);
        assertThat(post(base + "/care-team", coordinator, "{\"role\":\"MUNICIPAL_CANCER_COORDINATOR\",\"userId\":\"" + user
                + "\",\"organisationNumber\":\"" + MUNICIPAL_ORG + "\",\"municipality\":\"" + municipality + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> hospital = post(base + "/care-team", coordinator, "{\"role\":\"PATHWAY_COORDINATOR\",\"userId\":\"forlop-1\","
                + "\"organisationNumber\":\"" + HOSPITAL_ORG + "\",\"herId\":\"90234\",\"organisationName\":\"Testfold HF\"}");
        assertThat(hospital.statusCode()).isEqualTo(201);
        return new Patient(pseudonym, municipality, base, coordinator);
    }

    private static String task(String title, String ownerType, String owner, String priority, Instant dueAt) {
        return "{\"title\":\"" + title + "\",\"ownerType\":\"" + ownerType + "\",\"owner\":\"" + owner + "\",\"priority\":\"" + priority
                + "\",\"dueAt\":\"" + dueAt + "\"}";
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (id.equals(node.get("id").asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + id + " in " + array);
    }

    /** @param coordinator a token of the municipal cancer coordinator on the team ({@code kk-<municipality>}) */
    private record Patient(String pseudonym, String municipality, String base, String coordinator) {
    }
}
