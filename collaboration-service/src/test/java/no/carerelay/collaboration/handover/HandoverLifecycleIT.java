package no.carerelay.collaboration.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.CancellationReason;
import no.carerelay.contracts.collaboration.HandoverAccepted;
import no.carerelay.contracts.collaboration.HandoverCancelled;
import no.carerelay.contracts.collaboration.HandoverCompleted;
import no.carerelay.contracts.collaboration.HandoverEscalated;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.collaboration.HandoverReceived;
import no.carerelay.contracts.collaboration.HandoverRejected;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.patient.DischargeReadyWithdrawn;
import no.carerelay.contracts.patient.EncounterCancelled;
import no.carerelay.contracts.patient.PatientDischarged;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import tools.jackson.databind.JsonNode;

class HandoverLifecycleIT extends CollaborationIT {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    HandoverEscalations escalations;

    @Autowired
    HandoverMetrics metrics;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldTakeACaseFromRequestedThroughEscalationToCompletedRecordingWhoDidWhatAndWhen() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID encounter = UUID.randomUUID();
        EventEnvelope<DischargeReadyDeclared> declared = declareDischargeReady(pseudonym, municipality, encounter);
        awaitProcessed(declared.id());
        EventEnvelope<HandoverRequired> required = handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(1)), declared.id());
        send(required);
        UUID caseId = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();

        JsonNode inbox = body(get("/api/v1/handover-cases?status=REQUESTED", asMunicipality("saksbehandler-1", municipality)));
        assertThat(inbox.get("total").asLong()).isEqualTo(1);
        assertThat(inbox.get("items").get(0).get("id").asString()).isEqualTo(caseId.toString());
        assertThat(inbox.get("items").get(0).get("receivingService").asString()).isEqualTo("SAKSBEHANDLER");

        HttpResponse<String> received = post("/api/v1/handover-cases/" + caseId + "/receive", asMunicipality("saksbehandler-1", municipality), null);
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(body(received).get("status").asString()).isEqualTo("RECEIVED");
        assertThat(await(EventTypes.HANDOVER_RECEIVED, pseudonym, 1).get(0).receivedBy()).isEqualTo("saksbehandler-1");

        // the deadline passes with no answer: the scheduler escalates, once, however many scans follow
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        HandoverEscalated escalated = await(EventTypes.HANDOVER_ESCALATED, pseudonym, 1).get(0);
        assertThat(escalated.caseId()).isEqualTo(caseId);
        assertThat(escalated.dueAt()).isEqualTo(required.data().dueAt());
        assertThat(escalated.requestedBy()).isEqualTo(HOSPITAL);
        JsonNode overdue = body(get("/api/v1/handover-cases/" + caseId, asMunicipality("saksbehandler-1", municipality)));
        long days = overdue.get("costExposure").get("days").asLong();
        LocalDate declaredOn = declared.data().declaredAt().atZone(OSLO).toLocalDate();
        assertThat(days).isEqualTo(DischargeReadyCost.daysOwed(declaredOn, clock.instant().atZone(OSLO).toLocalDate())).isPositive();
        assertThat(overdue.get("costExposure").get("amountNok").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(5745 * days));
        metrics.refresh();
        assertThat(meters.get("carerelay.handover.cost.exposure").tag("municipality", municipality).gauge().value()).isEqualTo(5745.0 * days);
        assertThat(meters.get("carerelay.handover.discharge.ready.unanswered").tag("municipality", municipality).gauge().value()).isEqualTo(1.0);
        // opened an hour and a minute ago on the test clock, still unanswered
        assertThat(meters.get("carerelay.handover.unanswered.oldest.age").tag("municipality", municipality).gauge().value())
                .isGreaterThanOrEqualTo(Duration.ofHours(1).toSeconds());

        LocalDate start = clock.instant().atZone(OSLO).toLocalDate().plusDays(1);
        HttpResponse<String> accepted = post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("saksbehandler-2", municipality),
                "{\"plannedStart\":\"" + start + "\"}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        HandoverAccepted acceptedEvent = await(EventTypes.HANDOVER_ACCEPTED, pseudonym, 1).get(0);
        assertThat(acceptedEvent.acceptedBy()).isEqualTo("saksbehandler-2");
        assertThat(acceptedEvent.plannedStart()).isEqualTo(start);
        // answered after the deadline: counted as late, so the municipality's in-time share drops
        assertThat(answered(municipality, "false")).isEqualTo(1.0);
        assertThat(answered(municipality, "true")).isZero();
        metrics.refresh();
        assertThat(meters.get("carerelay.handover.cost.exposure").tag("municipality", municipality).gauge().value()).isZero();
        assertThat(meters.get("carerelay.handover.unanswered.oldest.age").tag("municipality", municipality).gauge().value())
                .as("answered: no longer stalled").isZero();

        send(EventTypes.PATIENT_DISCHARGED, "/carerelay/patient-service", pseudonym,
                new PatientDischarged(pseudonym, encounter, municipality, HOSPITAL, clock.instant(), "home"));
        HandoverCompleted completed = await(EventTypes.HANDOVER_COMPLETED, pseudonym, 1).get(0);
        assertThat(completed.completedBy()).isNull();

        JsonNode done = body(get("/api/v1/handover-cases/" + caseId, asMunicipality("saksbehandler-1", municipality)));
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("received").get("by").asString()).isEqualTo("saksbehandler-1");
        assertThat(done.get("accepted").get("by").asString()).isEqualTo("saksbehandler-2");
        assertThat(done.get("escalatedAt").isNull()).isFalse();
        assertThat(done.get("allowedTransitions")).isEmpty();
        List<String> actions = new ArrayList<>();
        done.get("history").forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions).containsExactly("open", "receive", "escalate", "accept", "complete");
        assertThat(all(EventTypes.HANDOVER_ESCALATED, pseudonym)).hasSize(1);
    }

    @Test
    void shouldRecordARejectionWithReasonAndProposedDateAndThenRefuseEveryAnswerListingNoneAllowed() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = open(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)));
        LocalDate proposed = clock.instant().atZone(OSLO).toLocalDate().plusDays(3);

        HttpResponse<String> rejected = post("/api/v1/handover-cases/" + caseId + "/reject", asMunicipality("saksbehandler-1", municipality),
                "{\"reason\":\"No short-term bed before Friday\",\"proposedDate\":\"" + proposed + "\"}");

        assertThat(rejected.statusCode()).isEqualTo(200);
        HandoverRejected event = await(EventTypes.HANDOVER_REJECTED, pseudonym, 1).get(0);
        assertThat(event.rejectionReason()).isEqualTo("No short-term bed before Friday");
        assertThat(event.proposedDate()).isEqualTo(proposed);
        assertThat(event.rejectedBy()).isEqualTo("saksbehandler-1");
        assertThat(answered(municipality, "true")).as("a rejection before the deadline is an answer in time").isEqualTo(1.0);

        HttpResponse<String> acceptAfterwards = post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("saksbehandler-1", municipality),
                "{}");
        assertThat(acceptAfterwards.statusCode()).isEqualTo(409);
        assertThat(acceptAfterwards.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(acceptAfterwards);
        assertThat(problem.get("type").asString()).isEqualTo("https://carerelay.no/problems/invalid-transition");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("REJECTED");
        assertThat(problem.get("requestedStatus").asString()).isEqualTo("ACCEPTED");
        assertThat(problem.get("allowedTransitions")).isEmpty();
    }

    @Test
    void shouldRefuseCompletingACaseNobodyAcceptedAndListTheAllowedTransitions() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = open(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)));

        HttpResponse<String> response = post("/api/v1/handover-cases/" + caseId + "/complete", asMunicipality("saksbehandler-1", municipality), null);

        assertThat(response.statusCode()).isEqualTo(409);
        List<String> allowed = new ArrayList<>();
        body(response).get("allowedTransitions").forEach(status -> allowed.add(status.asString()));
        assertThat(allowed).containsExactlyInAnyOrder("RECEIVED", "ACCEPTED", "REJECTED");
        assertThat(body(response).get("detail").asString()).contains("REQUESTED").contains("COMPLETED");
    }

    @Test
    void shouldRefuseAndLogAMunicipalityActingOnAnotherMunicipalitysCase() {
        String pseudonym = newPseudonym();
        String addressed = newMunicipality();
        String other = newMunicipality();
        UUID caseId = open(pseudonym, addressed, clock.instant().plus(Duration.ofHours(4)));

        HttpResponse<String> accept = post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("nabo-saksbehandler", other), "{}");
        HttpResponse<String> read = get("/api/v1/handover-cases/" + caseId, asMunicipality("nabo-saksbehandler", other));

        assertThat(accept.statusCode()).isEqualTo(403);
        assertThat(body(accept).get("type").asString()).isEqualTo("https://carerelay.no/problems/not-addressed-municipality");
        assertThat(accept.body()).doesNotContain(pseudonym).doesNotContain("REQUESTED");
        assertThat(read.statusCode()).isEqualTo(403);
        List<String> logged = jdbc.sql("""
                        SELECT action || ':' || actor || ':' || actor_roles || ':' || actor_municipality || ':' || decision || ':'
                               || patient_pseudonym
                          FROM access_log WHERE resource_id = ? AND decision = 'DENIED' ORDER BY id""")
                .param(caseId.toString()).query(String.class).list();
        assertThat(logged).containsExactly("accept:nabo-saksbehandler:municipality:" + other + ":DENIED:" + pseudonym,
                "read:nabo-saksbehandler:municipality:" + other + ":DENIED:" + pseudonym);
        assertThat(jdbc.sql("SELECT status FROM handover_case WHERE id = ?").param(caseId).query(String.class).single()).isEqualTo("REQUESTED");
        assertThat(body(get("/api/v1/handover-cases/" + caseId, asMunicipality("saksbehandler-1", addressed))).get("status").asString())
                .isEqualTo("REQUESTED");
        assertThat(all(EventTypes.HANDOVER_ACCEPTED, pseudonym)).isEmpty();
    }

    @Test
    void shouldLogEveryListingReadAndAnswerOfACaseWithWhoWhichPatientAndWhat() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = open(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)));

        assertThat(get("/api/v1/handover-cases?status=REQUESTED", asMunicipality("saksbehandler-2", municipality)).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/handover-cases/" + caseId, asMunicipality("saksbehandler-2", municipality)).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/handover-cases/" + caseId + "/receive", asMunicipality("saksbehandler-2", municipality), null).statusCode())
                .isEqualTo(200);

        List<String> logged = jdbc.sql("""
                        SELECT resource_type || ':' || action || ':' || actor || ':' || actor_roles || ':' || actor_organisation || ':'
                               || actor_municipality || ':' || decision
                          FROM access_log WHERE patient_pseudonym = ? ORDER BY id""")
                .param(pseudonym).query(String.class).list();
        assertThat(logged).containsExactly(
                "handover-case:list:saksbehandler-2:municipality:test-organisation:" + municipality + ":GRANTED",
                "handover-case:read:saksbehandler-2:municipality:test-organisation:" + municipality + ":GRANTED",
                "handover-case:receive:saksbehandler-2:municipality:test-organisation:" + municipality + ":GRANTED");
    }

    @Test
    void shouldCancelTheOpenCaseWhenTheDischargeReadyNoticeIsWithdrawn() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID encounter = UUID.randomUUID();
        EventEnvelope<DischargeReadyDeclared> declared = declareDischargeReady(pseudonym, municipality, encounter);
        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), declared.id()));
        UUID caseId = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();
        post("/api/v1/handover-cases/" + caseId + "/receive", asMunicipality("saksbehandler-1", municipality), null);

        EventEnvelope<DischargeReadyWithdrawn> withdrawn = send(EventTypes.DISCHARGE_READY_WITHDRAWN, "/carerelay/patient-service", pseudonym,
                new DischargeReadyWithdrawn(pseudonym, encounter, municipality, HOSPITAL, clock.instant()));

        HandoverCancelled cancelled = await(EventTypes.HANDOVER_CANCELLED, pseudonym, 1).get(0);
        assertThat(cancelled.caseId()).isEqualTo(caseId);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.DISCHARGE_READY_WITHDRAWN);
        assertThat(cancelled.causationId()).isEqualTo(withdrawn.id());
        HttpResponse<String> acceptAfterwards = post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("saksbehandler-1", municipality),
                "{}");
        assertThat(acceptAfterwards.statusCode()).isEqualTo(409);
        assertThat(body(acceptAfterwards).get("currentStatus").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void shouldCancelACaseWhoseNoticeWasWithdrawnBeforeTheRequirementArrived() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID encounter = UUID.randomUUID();
        EventEnvelope<DischargeReadyDeclared> declared = declareDischargeReady(pseudonym, municipality, encounter);
        EventEnvelope<DischargeReadyWithdrawn> withdrawn = send(EventTypes.DISCHARGE_READY_WITHDRAWN, "/carerelay/patient-service", pseudonym,
                new DischargeReadyWithdrawn(pseudonym, encounter, municipality, HOSPITAL, clock.instant().plusSeconds(1)));
        awaitProcessed(withdrawn.id());

        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), declared.id()));

        HandoverOpened opened = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0);
        HandoverCancelled cancelled = await(EventTypes.HANDOVER_CANCELLED, pseudonym, 1).get(0);
        assertThat(cancelled.caseId()).isEqualTo(opened.caseId());
        assertThat(cancelled.causationId()).isEqualTo(withdrawn.id());
    }

    @Test
    void shouldCancelOpenCasesWhenTheAdmissionIsCancelledButNotWhenOnlyTheDischargeIs() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID encounter = UUID.randomUUID();
        EventEnvelope<DischargeReadyDeclared> declared = declareDischargeReady(pseudonym, municipality, encounter);
        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), declared.id()));
        UUID caseId = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();

        EventEnvelope<EncounterCancelled> dischargeCancelled = send(EventTypes.ENCOUNTER_CANCELLED, "/carerelay/patient-service", pseudonym,
                new EncounterCancelled(pseudonym, encounter, municipality, HOSPITAL, "DISCHARGE", clock.instant()));
        awaitProcessed(dischargeCancelled.id());
        assertThat(jdbc.sql("SELECT status FROM handover_case WHERE id = ?").param(caseId).query(String.class).single()).isEqualTo("REQUESTED");

        send(EventTypes.ENCOUNTER_CANCELLED, "/carerelay/patient-service", pseudonym,
                new EncounterCancelled(pseudonym, encounter, municipality, HOSPITAL, "ADMISSION", clock.instant()));

        assertThat(await(EventTypes.HANDOVER_CANCELLED, pseudonym, 1).get(0).cancellationReason()).isEqualTo(CancellationReason.ENCOUNTER_CANCELLED);
    }

    @Test
    void shouldEscalateACaseThatCameDueWhileNoScanRanExactlyOnceEvenWithConcurrentScanners() throws Exception {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        // past due on arrival, as after a restart: the first scan finds it in the database
        UUID caseId = open(pseudonym, municipality, clock.instant().minus(Duration.ofMinutes(5)));

        AtomicInteger escalatedByUs = new AtomicInteger();
        List<CompletableFuture<Void>> scanners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scanners.add(CompletableFuture.runAsync(() -> escalatedByUs.addAndGet(escalations.escalateDueBatch())));
        }
        CompletableFuture.allOf(scanners.toArray(CompletableFuture[]::new)).get();

        assertThat(await(EventTypes.HANDOVER_ESCALATED, pseudonym, 1)).extracting(HandoverEscalated::caseId).containsExactly(caseId);
        escalations.escalateDueBatch();
        assertThat(all(EventTypes.HANDOVER_ESCALATED, pseudonym)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM handover_case_history WHERE case_id = ? AND action = 'escalate'").param(caseId)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldNotEscalateACaseAnsweredBeforeItsDeadline() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = open(pseudonym, municipality, clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("saksbehandler-1", municipality), null).statusCode())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        escalations.escalateDueBatch();

        assertThat(all(EventTypes.HANDOVER_ESCALATED, pseudonym)).isEmpty();
        assertThat(answered(municipality, "true")).isEqualTo(1.0);
        assertThat(answered(municipality, "false")).isZero();
    }

    @Test
    void shouldLetTheAddressedMunicipalCoordinatorAcceptAndCompleteAContactPointCase() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        String coordinator = asMunicipalCoordinator("kreftkoordinator-1", municipality);
        send(EventEnvelope.of(EventTypes.HANDOVER_REQUIRED, "/carerelay/trajectory-service", pseudonym, new HandoverRequired(UUID.randomUUID(),
                pseudonym, municipality, HandoverReason.SP2_DUE, "SP2 conversation", clock.instant().plus(Duration.ofDays(7)).truncatedTo(
                        ChronoUnit.MILLIS), HOSPITAL, UUID.randomUUID())));
        UUID caseId = await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();

        assertThat(post("/api/v1/handover-cases/" + caseId + "/accept", coordinator, "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> completed = post("/api/v1/handover-cases/" + caseId + "/complete", coordinator, null);

        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(body(completed).get("completed").get("by").asString()).isEqualTo("kreftkoordinator-1");
        assertThat(await(EventTypes.HANDOVER_COMPLETED, pseudonym, 1).get(0).completedBy()).isEqualTo("kreftkoordinator-1");
    }

    @Test
    void shouldLetThePathwayCoordinatorOnThePatientsCareTeamFollowACaseButNotAnswerIt() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = open(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)));
        assertThat(post("/api/v1/patients/" + pseudonym + "/care-team", asMunicipalCoordinator("kk-" + municipality, municipality),
                "{\"role\":\"PATHWAY_COORDINATOR\",\"userId\":\"forlop-on-team\",\"organisationNumber\":\"983974899\"}").statusCode())
                .isEqualTo(201);
        String onTeam = asPathwayCoordinator("forlop-on-team");

        assertThat(body(get("/api/v1/handover-cases", onTeam)).get("items").findValuesAsString("id")).containsExactly(caseId.toString());
        assertThat(get("/api/v1/handover-cases/" + caseId, onTeam).statusCode()).isEqualTo(200);
        for (String answer : List.of("receive", "accept", "reject", "complete")) {
            HttpResponse<String> answered = post("/api/v1/handover-cases/" + caseId + "/" + answer, onTeam, "{\"reason\":\"No bed\"}");
            assertThat(answered.statusCode()).as(answer).isEqualTo(403);
            assertThat(body(answered).get("type").asString()).as(answer).isEqualTo("https://carerelay.no/problems/forbidden");
        }

        String notOnTeam = asPathwayCoordinator("forlop-elsewhere");
        assertThat(body(get("/api/v1/handover-cases", notOnTeam)).get("items").findValuesAsString("id")).doesNotContain(caseId.toString());
        assertThat(get("/api/v1/handover-cases/" + caseId, notOnTeam).statusCode()).isEqualTo(403);
        String claimingTheMunicipality = tokens.token("forlop-elsewhere", List.of("pathway-coordinator"), municipality);
        HttpResponse<String> claimed = get("/api/v1/handover-cases/" + caseId, claimingTheMunicipality);
        assertThat(claimed.statusCode()).as("a kommunenummer on a token without a municipal role acts for no municipality").isEqualTo(403);
        assertThat(body(claimed).get("type").asString()).isEqualTo("https://carerelay.no/problems/not-addressed-municipality");
        assertThat(jdbc.sql("SELECT status FROM handover_case WHERE id = ?").param(caseId).query(String.class).single()).isEqualTo("REQUESTED");
    }

    /** carerelay.handover.answered for one municipality's discharge-ready cases, in time or late; 0 when never counted. */
    private double answered(String municipality, String inTime) {
        var counter = meters.find("carerelay.handover.answered").tag("municipality", municipality).tag("in_time", inTime).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldAnswerBadRequestsWithSpecificProblems() {
        String municipality = newMunicipality();
        UUID caseId = open(newPseudonym(), municipality, clock.instant().plus(Duration.ofHours(4)));

        HttpResponse<String> noReason = post("/api/v1/handover-cases/" + caseId + "/reject", asMunicipality("saksbehandler-1", municipality),
                "{\"proposedDate\":\"2001-01-01\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(body(noReason).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("reason", "proposedDate");

        HttpResponse<String> anonymous = call("POST", "/api/v1/handover-cases/" + caseId + "/receive", null, null,
                "X-CareRelay-User", "saksbehandler-1", "X-CareRelay-Municipality", municipality);
        assertThat(anonymous.statusCode()).as("the old identity headers identify nobody").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(body(anonymous).get("type").asString()).isEqualTo("https://carerelay.no/problems/unauthenticated");
        assertThat(jdbc.sql("SELECT status FROM handover_case WHERE id = ?").param(caseId).query(String.class).single()).isEqualTo("REQUESTED");

        HttpResponse<String> badId = get("/api/v1/handover-cases/not-a-uuid", asMunicipality("saksbehandler-1", municipality));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(body(badId).get("errors").get(0).get("field").asString()).isEqualTo("caseId");

        HttpResponse<String> unknown = get("/api/v1/handover-cases/" + UUID.randomUUID(), asMunicipality("saksbehandler-1", municipality));
        assertThat(unknown.statusCode()).isEqualTo(404);

        HttpResponse<String> badFilter = get("/api/v1/handover-cases?status=OPEN&size=0", asMunicipality("saksbehandler-1", municipality));
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(body(badFilter).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("status", "size");

        HttpResponse<String> unreadable = post("/api/v1/handover-cases/" + caseId + "/accept", asMunicipality("saksbehandler-1", municipality),
                "{\"plannedStart\":\"tomorrow\"}");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(body(unreadable).get("type").asString()).isEqualTo("https://carerelay.no/problems/unreadable-body");
    }

    @Test
    void shouldExposeOpenCasesAndCostExposurePerMunicipalityOnPrometheus() {
        String municipality = newMunicipality();
        String pseudonym = newPseudonym();
        open(pseudonym, municipality, clock.instant().minus(Duration.ofMinutes(1)));
        metrics.refresh();

        String scrape = get("/actuator/prometheus", null).body();

        String label = "municipality=\"" + municipality + "\"";
        assertThat(scrape.lines().filter(line -> line.contains(label)).map(line -> line.substring(0, line.indexOf('{'))).distinct())
                .contains("carerelay_handover_open", "carerelay_handover_discharge_ready_unanswered",
                        "carerelay_handover_discharge_ready_unanswered_days", "carerelay_handover_cost_exposure_NOK")
                .noneMatch(name -> name.contains(pseudonym));
        assertThat(scrape).doesNotContain(pseudonym);
    }

    private UUID open(String pseudonym, String municipality, Instant dueAt) {
        send(handoverRequired(pseudonym, municipality, dueAt, UUID.randomUUID()));
        return await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();
    }

    private void awaitProcessed(UUID eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId).query(Long.class).single() > 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("event " + eventId + " was not processed");
    }
}
