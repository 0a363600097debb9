package no.carerelay.trajectory.trajectory;

import static no.carerelay.trajectory.support.TrajectoryEvents.await;
import static no.carerelay.trajectory.support.TrajectoryEvents.newHospital;
import static no.carerelay.trajectory.support.TrajectoryEvents.newPseudonym;
import static no.carerelay.trajectory.support.TrajectoryEvents.pathwayEvent;
import static no.carerelay.trajectory.support.TrajectoryEvents.published;
import static no.carerelay.trajectory.support.TrajectoryEvents.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.collaboration.HandoverAccepted;
import no.carerelay.contracts.trajectory.DeadlineApproaching;
import no.carerelay.contracts.trajectory.DeadlineBreached;
import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.trajectory.deadline.DeadlineScanner;
import no.carerelay.trajectory.support.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * From NPR pathway codes on patient.encounters.v1 (and a coordinator's HTTP calls) to deadline and handover events
 * on trajectory.events.v1, over the real broker and PostgreSQL. Dates lie in 2030 and later and the test moves its
 * own clock, so the real-time scanners of other test contexts sharing the database never see them due.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=trajectory-service",
        "carerelay.trajectory.deadlines.initial-delay=PT1H",
        "carerelay.trajectory.compliance.refresh-interval=PT0.5S"})
class PathwayTrajectoryIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T08:00:00Z"));
    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("trajectory").forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    DeadlineScanner scanner;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    /** The pathway coordinator "forlop-7": registers milestones, reads timelines and compliance. */
    private static final String COORDINATOR = TestInfrastructure.tokens().token("forlop-7", List.of("pathway-coordinator"), null);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldWarnTwoDaysAheadAndThenReportTheBreachOnceWhenTheFirstVisitIsLate() {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        // colorectal OF1 = 9 calendar days (domain brief §1): referral 20 March 2030 -> first visit by 29 March
        send(kafka, pathwayEvent(patient, "A12A", LocalDate.of(2030, 3, 20), hospital, null));
        awaitTrajectory(patient);

        CLOCK.set(Instant.parse("2030-03-27T22:59:59Z")); // 23:59:59 on 27 March in Oslo: not yet
        scanner.scan();
        CLOCK.set(Instant.parse("2030-03-27T23:00:00Z")); // 00:00 on 28 March: two calendar days before the deadline passes
        scanner.scan();
        scanner.scan();
        DeadlineApproaching approaching = await(kafka, patient, EventTypes.DEADLINE_APPROACHING, 1, WAIT).get(0);
        assertThat(approaching.interval()).isEqualTo(DeadlineInterval.OF1);
        assertThat(approaching.pathway()).isEqualTo("A12");
        assertThat(approaching.awaiting()).isEqualTo("first visit (A12S)");
        assertThat(approaching.dueDate()).isEqualTo(LocalDate.of(2030, 3, 29));
        assertThat(approaching.dueAt()).isEqualTo(Instant.parse("2030-03-29T23:00:00Z"));
        assertThat(approaching.hospital()).isEqualTo(hospital);
        assertThat(approaching.municipality()).isEqualTo("0301");

        CLOCK.set(Instant.parse("2030-03-29T22:59:59Z"));
        scanner.scan();
        CLOCK.set(Instant.parse("2030-03-29T23:00:00Z"));
        scanner.scan();
        CLOCK.set(Instant.parse("2030-04-02T10:00:00Z"));
        scanner.scan();
        DeadlineBreached breached = await(kafka, patient, EventTypes.DEADLINE_BREACHED, 1, WAIT).get(0);
        assertThat(breached.deadlineId()).isEqualTo(approaching.deadlineId());
        assertThat(breached.detectedAt()).isEqualTo(Instant.parse("2030-03-29T23:00:00Z"));

        assertThat(published(kafka, patient, EventTypes.DEADLINE_APPROACHING, Duration.ofSeconds(1))).hasSize(1);
        assertThat(published(kafka, patient, EventTypes.DEADLINE_BREACHED, Duration.ofMillis(200))).hasSize(1);
    }

    @Test
    void shouldFollowAColorectalPathwayFromReferralToTreatmentAndPakkeforlopHjemIntoTheMunicipality() throws Exception {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        send(kafka, pathwayEvent(patient, "A12A", LocalDate.of(2030, 1, 2), hospital, null));
        send(kafka, pathwayEvent(patient, "A12S", LocalDate.of(2030, 1, 8), hospital, null));
        send(kafka, pathwayEvent(patient, "A12CK", LocalDate.of(2030, 1, 15), hospital, "SURGERY"));
        send(kafka, pathwayEvent(patient, "A12FK", LocalDate.of(2030, 1, 28), hospital, null)); // 26 days: within OF4 surgery 35
        awaitStatus(patient, "TREATMENT_STARTED");

        // SP1 done in hospital, registered by the pathway coordinator: the municipality must plan SP2
        CLOCK.set(Instant.parse("2030-01-21T09:00:00Z"));
        HttpResponse<String> sp1 = post(patient, """
                {"code":"SP1","eventDate":"2030-01-20"}""");
        assertThat(sp1.statusCode()).as(sp1.body()).isEqualTo(201);
        HandoverRequired planSp2 = await(kafka, patient, EventTypes.HANDOVER_REQUIRED, 1, WAIT).get(0);
        assertThat(planSp2.reason()).isEqualTo(HandoverReason.SP1_COMPLETED);
        assertThat(planSp2.municipality()).isEqualTo("0301");
        assertThat(planSp2.requestedBy().organisationNumber()).isEqualTo(hospital.organisationNumber());
        assertThat(planSp2.needed()).contains("SP2").contains("2030-04-15").contains("2030-05-15");
        assertThat(planSp2.dueAt()).isEqualTo(Instant.parse("2030-04-14T22:00:00Z")); // 00:00 CEST on 15 April: SP2 window opens

        // 3 months after the diagnosis (CK 15 Jan) the SP2 window opens: the municipality must take over, by 15 May
        CLOCK.set(Instant.parse("2030-04-14T21:59:59Z"));
        scanner.scan();
        CLOCK.set(Instant.parse("2030-04-14T22:00:00Z"));
        scanner.scan();
        List<HandoverRequired> required = await(kafka, patient, EventTypes.HANDOVER_REQUIRED, 2, WAIT);
        HandoverRequired sp2Due = required.stream().filter(r -> r.reason() == HandoverReason.SP2_DUE).findFirst().orElseThrow();
        assertThat(sp2Due.dueAt()).isEqualTo(Instant.parse("2030-05-15T22:00:00Z"));
        assertThat(sp2Due.needed()).contains("SP2 needs assessment");

        // the municipality accepts through collaboration-service: responsibility moved
        EventEnvelope<HandoverAccepted> accepted = EventEnvelope.of(EventTypes.HANDOVER_ACCEPTED, "/carerelay/collaboration-service", patient,
                new HandoverAccepted(UUID.randomUUID(), sp2Due.requirementId(), patient, "0301", HandoverReason.SP2_DUE, "oslo-kreftkoordinator-1",
                        LocalDate.of(2030, 4, 28), Instant.parse("2030-04-15T07:30:00Z")));
        send(kafka, accepted);
        send(kafka, accepted); // redelivered: recorded once
        JsonNode timeline = awaitTimeline(patient, t -> t.path("trajectories").get(0).path("milestones").toString().contains("RESPONSIBILITY_MOVED"));
        JsonNode trajectory = timeline.path("trajectories").get(0);
        assertThat(trajectory.path("status").asString()).isEqualTo("TREATMENT_STARTED");
        assertThat(trajectory.path("of4Days").asInt()).isEqualTo(26);
        assertThat(trajectory.path("of4StandardDays").asInt()).isEqualTo(35);
        assertThat(trajectory.path("withinStandard").asBoolean()).isTrue();
        assertThat(trajectory.path("homePathway").path("sp1Date").asString()).isEqualTo("2030-01-20");
        assertThat(trajectory.path("milestones").findValuesAsString("code"))
                .containsExactly("A12A", "A12S", "A12CK", "SP1", "A12FK", "RESPONSIBILITY_MOVED");
        assertThat(trajectory.path("deadlines").findValuesAsString("interval")).containsExactlyInAnyOrder("OF1", "OF2", "OF3", "OF4", "SP2", "SP3");
        assertThat(trajectory.path("deadlines").findValuesAsString("status")).containsExactlyInAnyOrder("MET", "MET", "MET", "MET", "OPEN", "OPEN");
        assertThat(timeline.path("handovers").findValuesAsString("reason")).containsExactly("SP1_COMPLETED", "SP2_DUE");
        Thread.sleep(500);
        assertThat(jdbc.sql("SELECT count(*) FROM milestone WHERE patient_pseudonym = ? AND code = 'RESPONSIBILITY_MOVED'").param(patient)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT accepted_at FROM handover_requirement WHERE id = ?").param(sp2Due.requirementId()).query(Instant.class)
                .single()).isEqualTo(Instant.parse("2030-04-15T07:30:00Z"));

        // SP2 held in time closes the window; nothing is breached at its end
        CLOCK.set(Instant.parse("2030-05-02T09:00:00Z"));
        assertThat(post(patient, """
                {"code":"SP2","eventDate":"2030-05-02"}""").statusCode()).isEqualTo(201);
        CLOCK.set(Instant.parse("2030-05-20T09:00:00Z"));
        scanner.scan();
        assertThat(published(kafka, patient, EventTypes.DEADLINE_BREACHED, Duration.ofSeconds(1))).isEmpty();

        // compliance for this trust: 1 of 1 within the standard, as API and as a Prometheus gauge
        JsonNode compliance = json.readTree(get("/api/v1/lead-time-compliance?pathway=A12&hospital=" + hospital.organisationNumber()).body());
        assertThat(compliance.get(0).path("completed").asLong()).isEqualTo(1);
        assertThat(compliance.get(0).path("share").asDouble()).isEqualTo(1.0);
        assertThat(compliance.get(0).path("meetsTarget").asBoolean()).isTrue();
        String gauge = "carerelay_trajectory_leadtime_compliance_ratio{application=\"trajectory-service\",hospital=\""
                + hospital.organisationNumber() + "\",pathway=\"A12\"} 1.0";
        long until = System.nanoTime() + WAIT.toNanos();
        String scrape = "";
        while (System.nanoTime() < until && !scrape.contains(gauge)) {
            scrape = get("/actuator/prometheus", null).body();
            Thread.sleep(200);
        }
        assertThat(scrape).contains(gauge).contains("carerelay_trajectory_leadtime_target_ratio");
        assertThat(scrape).doesNotContain(patient);
    }

    @Test
    void shouldCountATreatmentStartedAfterTheStandardAsOutsideIt() throws Exception {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        CLOCK.set(Instant.parse("2030-06-30T09:00:00Z"));
        // breast since 1 May 2021: OF4 drug 29 days (domain brief §1). A 1 June -> FM 1 July = 30 days: outside
        for (String[] event : new String[][] {{"A11A", "2030-06-01"}, {"A11S", "2030-06-05"}, {"A11CK", "2030-06-15"}}) {
            assertThat(post(patient, """
                    {"code":"%s","eventDate":"%s","municipality":"4601","hospital":{"organisationNumber":"%s"}}"""
                    .formatted(event[0], event[1], hospital.organisationNumber())).statusCode()).isEqualTo(201);
        }
        CLOCK.set(Instant.parse("2030-07-01T09:00:00Z"));
        HttpResponse<String> treatment = post(patient, """
                {"code":"A11FM","eventDate":"2030-07-01","hospital":{"organisationNumber":"%s"}}""".formatted(hospital.organisationNumber()));
        assertThat(treatment.statusCode()).isEqualTo(201);
        assertThat(treatment.body()).contains("treatment started after 30 days; standard 29: outside the standard lead time");
        JsonNode compliance = json.readTree(get("/api/v1/lead-time-compliance?hospital=" + hospital.organisationNumber()).body());
        assertThat(compliance.get(0).path("pathway").asString()).isEqualTo("A11");
        assertThat(compliance.get(0).path("withinStandard").asLong()).isZero();
        assertThat(compliance.get(0).path("meetsTarget").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseAMilestoneThatDoesNotFitAndListTheCodesThatWould() throws Exception {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        CLOCK.set(Instant.parse("2030-09-10T09:00:00Z"));
        String org = hospital.organisationNumber();
        assertThat(post(patient, """
                {"code":"A12A","eventDate":"2030-09-01","municipality":"0301","hospital":{"organisationNumber":"%s"}}""".formatted(org))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> early = post(patient, """
                {"code":"A12FK","eventDate":"2030-09-05","hospital":{"organisationNumber":"%s"}}""".formatted(org));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(early.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://carerelay.no/problems/transition-not-allowed");
        assertThat(problem.path("detail").asString()).contains("REFERRED");
        assertThat(json.convertValue(problem.path("allowed"), List.class)).containsExactly("A12S", "A12O", "A12X");

        HttpResponse<String> unknown = post(patient, """
                {"code":"A77A","eventDate":"2030-09-05","municipality":"0301","hospital":{"organisationNumber":"%s"}}""".formatted(org));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.convertValue(json.readTree(unknown.body()).path("definedPathways"), List.class)).contains("A11", "A12", "C01");

        HttpResponse<String> invalid = post(patient, """
                {"code":"A12S","eventDate":"2030-09-11","municipality":"Oslo","hospital":{"organisationNumber":"123"},"plannedTreatment":"magic"}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json.readTree(invalid.body()).path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("eventDate", "municipality", "hospital.organisationNumber", "plannedTreatment");

        HttpResponse<String> noHome = post(patient, """
                {"code":"SP1","eventDate":"2030-09-05"}""");
        assertThat(noHome.statusCode()).isEqualTo(409);
        assertThat(json.readTree(noHome.body()).path("detail").asString()).contains("starts with a CK decision");

        assertThat(post("not-a-pseudonym", "{}").statusCode()).isEqualTo(400);
        assertThat(post(patient, "{not json").statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM milestone WHERE patient_pseudonym = ?").param(patient).query(Long.class).single())
                .as("refused registrations leave nothing behind").isEqualTo(1);
    }

    @Test
    void shouldLogWhoReadOrChangedAPatientsPathwayWithTheirRolesAndTheOutcome() throws Exception {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        CLOCK.set(Instant.parse("2030-10-10T09:00:00Z"));
        String municipalCoordinator = TestInfrastructure.tokens().token("kk-0301", List.of("municipal-coordinator"), "0301");
        String hospitalSystem = TestInfrastructure.tokens().token("dips-arena", List.of("hospital-system"), null);
        assertThat(post(patient, """
                {"code":"A12A","eventDate":"2030-10-01","municipality":"0301","hospital":{"organisationNumber":"%s"}}"""
                .formatted(hospital.organisationNumber())).statusCode()).isEqualTo(201);
        assertThat(post(patient, """
                {"code":"A12FK","eventDate":"2030-10-05","hospital":{"organisationNumber":"%s"}}""".formatted(hospital.organisationNumber()))
                .statusCode()).isEqualTo(409);
        String timeline = "/api/v1/patients/" + patient + "/trajectories";
        assertThat(get(timeline, municipalCoordinator).statusCode()).isEqualTo(200);
        assertThat(get(timeline).statusCode()).isEqualTo(200);
        assertThat(get(timeline, null).statusCode()).isEqualTo(401);
        assertThat(get(timeline, hospitalSystem).statusCode()).isEqualTo(403);

        List<String> expected = List.of(
                "register-pathway-event:forlop-7:pathway-coordinator:-:registered",
                "register-pathway-event:forlop-7:pathway-coordinator:-:refused",
                "read-timeline:kk-0301:municipal-coordinator:0301:read",
                "read-timeline:forlop-7:pathway-coordinator:-:read",
                "read-timeline:unidentified:-:-:denied",
                "read-timeline:dips-arena:hospital-system:-:denied");
        assertThat(awaitAccessLog(patient, expected.size())).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("SELECT request || ' ' || reason FROM access_log WHERE patient_pseudonym = ? AND outcome = 'denied' ORDER BY id")
                .param(patient).query(String.class).list())
                .satisfiesExactly(
                        unauthenticated -> assertThat(unauthenticated).startsWith("GET " + timeline + " 401: ").contains("bearer token"),
                        forbidden -> assertThat(forbidden).startsWith("GET " + timeline + " 403: ").contains("hospital-system"));
    }

    @Test
    void shouldRecordAKafkaEventThatDoesNotFitAsIgnoredOnTheTimeline() throws Exception {
        String patient = newPseudonym();
        send(kafka, pathwayEvent(patient, "A12S", LocalDate.of(2030, 10, 1), newHospital(), null));
        JsonNode timeline = awaitTimeline(patient, t -> t.path("otherEvents").size() == 1);
        assertThat(timeline.path("otherEvents").get(0).path("outcome").asString()).isEqualTo("IGNORED");
        assertThat(timeline.path("otherEvents").get(0).path("note").asString()).contains("no running A12 trajectory").contains("A12A");
        assertThat(timeline.path("trajectories")).isEmpty();
    }

    /** The patient's access log as action:actor:roles:municipality:outcome, once it has this many entries. */
    private List<String> awaitAccessLog(String patient, int entries) {
        long until = System.nanoTime() + WAIT.toNanos();
        List<String> log;
        do {
            log = jdbc.sql("""
                            SELECT action || ':' || actor || ':' || coalesce(actor_roles, '-') || ':' || coalesce(actor_municipality, '-') || ':'
                                   || outcome FROM access_log WHERE patient_pseudonym = ? ORDER BY id""")
                    .param(patient).query(String.class).list();
            if (log.size() >= entries) {
                return log;
            }
            sleep();
        } while (System.nanoTime() < until);
        return log;
    }

    private void awaitTrajectory(String patient) {
        awaitStatus(patient, null);
    }

    private void awaitStatus(String patient, String status) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            List<String> statuses = jdbc.sql("SELECT status FROM trajectory WHERE patient_pseudonym = ?").param(patient).query(String.class).list();
            if (!statuses.isEmpty() && (status == null || statuses.contains(status))) {
                return;
            }
            sleep();
        }
        throw new AssertionError("trajectory of the patient never reached " + (status == null ? "the database" : status));
    }

    private JsonNode awaitTimeline(String patient, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        JsonNode timeline = null;
        while (System.nanoTime() < until) {
            timeline = json.readTree(get("/api/v1/patients/" + patient + "/trajectories").body());
            if (timeline.path("trajectories").size() + timeline.path("otherEvents").size() > 0 && condition.test(timeline)) {
                return timeline;
            }
            sleep();
        }
        throw new AssertionError("timeline never matched: " + timeline);
    }

    /** As the pathway coordinator, who registers milestones and reads timelines. */
    private HttpResponse<String> post(String patient, String body) throws Exception {
        return post(patient, body, COORDINATOR);
    }

    private HttpResponse<String> post(String patient, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + "/pathway-events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, COORDINATOR);
    }

    /** @param token null for none */
    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
