package no.carerelay.collaboration.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.plan.IndividualPlan;
import no.carerelay.collaboration.plan.IndividualPlans;
import no.carerelay.resourceserver.Caller;

@RestController
@RequestMapping(path = "/api/v1/patients/{patient}/individual-plan", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Individual plan", description = "Goals and agreed measures with who is responsible; the municipality leads when both sectors serve")
class IndividualPlanController {

    /** @param version the version this edit is based on: 0 for a new plan, else the version last read */
    record PlanRequest(List<String> goals, List<IndividualPlan.Measure> measures, Integer version) {
    }

    private final IndividualPlans plans;

    IndividualPlanController(IndividualPlans plans) {
        this.plans = plans;
    }

    @GetMapping
    @Operation(summary = "The patient's individual plan")
    IndividualPlan get(@Parameter(hidden = true) Caller caller, @PathVariable String patient) {
        return plans.get(Pseudonyms.require(patient, "patient"), Actor.of(caller));
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the plan; refused with 409 if someone else changed it since the version given")
    IndividualPlan put(@Parameter(hidden = true) Caller caller, @PathVariable String patient, @RequestBody PlanRequest request) {
        Pseudonyms.require(patient, "patient");
        new Validation().require(request.version() != null && request.version() >= 0, "version",
                "is required: 0 for a new plan, else the version last read").orThrow();
        return plans.put(patient, request.goals(), request.measures(), request.version(), Actor.of(caller));
    }
}
