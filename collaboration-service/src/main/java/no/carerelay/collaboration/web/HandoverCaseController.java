package no.carerelay.collaboration.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.config.CollaborationProperties;
import no.carerelay.collaboration.handover.DischargeReadyCost;
import no.carerelay.collaboration.handover.HandoverCase;
import no.carerelay.collaboration.handover.HandoverCases;
import no.carerelay.collaboration.handover.HandoverInbox;
import no.carerelay.collaboration.handover.HandoverStatus;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.resourceserver.Caller;

/**
 * The municipality's side of a handover: its inbox, and the answers (receive, accept, reject, complete), which only
 * the addressed municipality (the kommunenummer of the caller's token) can give.
 */
@RestController
@RequestMapping(path = "/api/v1/handover-cases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Handover cases", description = "The addressed municipality's inbox and its answers, modelled on FHIR Task")
class HandoverCaseController {

    /** @param plannedStart when the municipal service starts, if agreed; not before today */
    record AcceptRequest(LocalDate plannedStart) {
    }

    /**
     * @param reason       why the municipality cannot take over as asked (required, at most 1000 characters)
     * @param proposedDate a date the municipality can offer instead; not before today
     */
    record RejectRequest(String reason, LocalDate proposedDate) {
    }

    private final HandoverCases cases;
    private final HandoverInbox inbox;
    private final Clock clock;
    private final CollaborationProperties properties;
    private final AccessLog accessLog;

    HandoverCaseController(HandoverCases cases, HandoverInbox inbox, Clock clock, CollaborationProperties properties, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.cases = cases;
        this.inbox = inbox;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "The handover cases the caller may see: the cases addressed to the municipality of its token (a pathway "
            + "coordinator: those of the patients whose care team it is on), unanswered first, then by deadline")
    PageResponse<HandoverCaseResponse> list(@Parameter(hidden = true) Caller caller,
            @Parameter(description = "comma-separated statuses, e.g. REQUESTED,RECEIVED") @RequestParam(required = false) String status,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Boolean escalated,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Validation validation = new Validation().oneOf(reason, HandoverReason.class, "reason").page(page, size);
        List<String> statuses = status == null || status.isBlank() ? List.of() : Arrays.stream(status.split(",")).map(String::trim).toList();
        statuses.forEach(s -> validation.oneOf(s, HandoverStatus.class, "status"));
        validation.orThrow();
        Actor actor = Actor.of(caller);
        HandoverInbox.Page result = inbox.page(actor, new HandoverInbox.Filter(statuses.stream().map(HandoverStatus::valueOf).toList(), reason,
                escalated), page, size);
        accessLog.listed(actor, "handover-case", "list", result.items().stream().map(HandoverCase::patientPseudonym).toList());
        Instant now = clock.instant();
        return new PageResponse<>(result.items().stream().map(c -> HandoverCaseResponse.of(c, now, exposure(c, now), null)).toList(), page, size,
                result.total());
    }

    @GetMapping("/{caseId}")
    @Operation(summary = "One case with its history; only for the addressed municipality and the pathway coordinator on the patient's "
            + "care team (other attempts are refused and logged)")
    HandoverCaseResponse get(@Parameter(hidden = true) Caller caller, @PathVariable UUID caseId) {
        return response(cases.get(caseId, Actor.of(caller)));
    }

    @PostMapping("/{caseId}/receive")
    @Operation(summary = "Acknowledge the case has been seen (FHIR Task received)")
    HandoverCaseResponse receive(@Parameter(hidden = true) Caller caller, @PathVariable UUID caseId) {
        return response(cases.receive(caseId, Actor.of(caller)));
    }

    @PostMapping(path = "/{caseId}/accept", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take over (FHIR Task accepted), optionally with a planned start date")
    HandoverCaseResponse accept(@Parameter(hidden = true) Caller caller, @PathVariable UUID caseId,
            @RequestBody(required = false) AcceptRequest request) {
        LocalDate plannedStart = request == null ? null : request.plannedStart();
        new Validation().notBefore(plannedStart, today(), "plannedStart").orThrow();
        return response(cases.accept(caseId, Actor.of(caller), plannedStart));
    }

    @PostMapping(path = "/{caseId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Decline as asked (FHIR Task rejected), with a reason and optionally a date the municipality can offer")
    HandoverCaseResponse reject(@Parameter(hidden = true) Caller caller, @PathVariable UUID caseId, @RequestBody RejectRequest request) {
        new Validation().text(request.reason(), "reason", 1000, true).notBefore(request.proposedDate(), today(), "proposedDate").orThrow();
        return response(cases.reject(caseId, Actor.of(caller), request.reason().strip(), request.proposedDate()));
    }

    @PostMapping("/{caseId}/complete")
    @Operation(summary = "Report an accepted handover done (FHIR Task completed); discharge-ready cases complete on discharge too")
    HandoverCaseResponse complete(@Parameter(hidden = true) Caller caller, @PathVariable UUID caseId) {
        return response(cases.complete(caseId, Actor.of(caller)));
    }

    private HandoverCaseResponse response(HandoverCase kase) {
        Instant now = clock.instant();
        return HandoverCaseResponse.of(kase, now, exposure(kase, now), cases.history(kase.id()));
    }

    private HandoverCaseResponse.CostExposure exposure(HandoverCase kase, Instant now) {
        if (kase.declaredOn() == null || !kase.status().unanswered() || now.isBefore(kase.dueAt())) {
            return null;
        }
        long days = DischargeReadyCost.daysOwed(kase.declaredOn(), now.atZone(properties.timeZone()).toLocalDate());
        return new HandoverCaseResponse.CostExposure(kase.declaredOn(), days, DischargeReadyCost.amount(days, properties.dischargeReadyDailyRate()));
    }

    private LocalDate today() {
        return clock.instant().atZone(properties.timeZone()).toLocalDate();
    }
}
