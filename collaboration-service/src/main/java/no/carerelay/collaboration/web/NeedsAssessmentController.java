package no.carerelay.collaboration.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.needs.Instrument;
import no.carerelay.collaboration.needs.NeedsAssessment;
import no.carerelay.collaboration.needs.NeedsAssessments;
import no.carerelay.resourceserver.Caller;

@RestController
@RequestMapping(path = "/api/v1/patients/{patient}/needs-assessments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Needs assessments", description = "Distress Thermometer and ESAS-r; a score at its threshold creates a follow-up task")
class NeedsAssessmentController {

    /**
     * @param instrument   DISTRESS_THERMOMETER (scores: {"DISTRESS": 0-10}, plus problems) or ESAS_R (scores per symptom, 0-10)
     * @param contactPoint SP1, SP2, SP3 or OTHER
     */
    record AssessmentRequest(String instrument, String contactPoint, Instant assessedAt, Map<String, Integer> scores,
            List<NeedsAssessment.Problem> problems) {
    }

    private final NeedsAssessments assessments;

    NeedsAssessmentController(NeedsAssessments assessments) {
        this.assessments = assessments;
    }

    @GetMapping
    @Operation(summary = "The patient's assessments, newest first")
    List<NeedsAssessment> list(@Parameter(hidden = true) Caller caller, @PathVariable String patient) {
        return assessments.ofPatient(Pseudonyms.require(patient, "patient"), Actor.of(caller));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an assessment; the response lists the scores at their threshold and the follow-up task created")
    NeedsAssessment record(@Parameter(hidden = true) Caller caller, @PathVariable String patient, @RequestBody AssessmentRequest request) {
        Pseudonyms.require(patient, "patient");
        new Validation().oneOf(request.instrument(), Instrument.class, "instrument").orThrow();
        return assessments.record(patient, new NeedsAssessments.NewAssessment(
                request.instrument() == null ? null : Instrument.valueOf(request.instrument()), request.contactPoint(), request.assessedAt(),
                request.scores(), request.problems()), Actor.of(caller));
    }
}
