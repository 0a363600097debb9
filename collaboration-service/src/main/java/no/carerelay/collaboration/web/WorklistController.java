package no.carerelay.collaboration.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.worklist.Worklist;
import no.carerelay.contracts.collaboration.TaskPriority;
import no.carerelay.resourceserver.Caller;

@RestController
@RequestMapping(path = "/api/v1/worklist", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Worklist", description = "The coordinator's worklist: unanswered handovers, own tasks, upcoming contact points; most urgent first")
class WorklistController {

    private final Worklist worklist;

    WorklistController(Worklist worklist) {
        this.worklist = worklist;
    }

    @GetMapping
    @Operation(summary = "Worklist items, sorted by urgency (0 = overdue handover ... 5 = routine), then due date")
    PageResponse<Worklist.Item> items(@Parameter(hidden = true) Caller caller,
            @Parameter(description = "comma-separated: HANDOVER, TASK, CONTACT_POINT") @RequestParam(required = false) String kind,
            @RequestParam(required = false) String patient, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String priority, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        List<String> kinds = kind == null || kind.isBlank() ? List.of() : Arrays.stream(kind.split(",")).map(String::trim).toList();
        Validation validation = new Validation().oneOf(priority, TaskPriority.class, "priority").page(page, size);
        kinds.forEach(k -> validation.oneOf(k, Worklist.Kind.class, "kind"));
        if (patient != null) {
            Pseudonyms.require(patient, "patient");
        }
        validation.orThrow();
        Worklist.Filter filter = new Worklist.Filter(kinds.stream().map(Worklist.Kind::valueOf).toList(), patient, overdue, priority);
        Worklist.Page result = worklist.page(Actor.of(caller), filter, page, size);
        return new PageResponse<>(result.items(), page, size, result.total());
    }

    @GetMapping("/patients")
    @Operation(summary = "My patients: those whose care team I am on, with open and overdue tasks")
    List<Worklist.MyPatient> myPatients(@Parameter(hidden = true) Caller caller) {
        return worklist.myPatients(Actor.of(caller));
    }
}
