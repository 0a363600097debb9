package no.carerelay.collaboration.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.task.Task;
import no.carerelay.collaboration.task.TaskStatus;
import no.carerelay.collaboration.task.Tasks;
import no.carerelay.contracts.collaboration.TaskOwnerType;
import no.carerelay.contracts.collaboration.TaskPriority;
import no.carerelay.resourceserver.Caller;

@RestController
@Tag(name = "Tasks", description = "Coordination tasks with owner, due date, priority and status; overdue tasks raise TaskOverdue")
class TaskController {

    /**
     * @param ownerType PERSON (owner = user id), ROLE (owner = care-team role) or ORGANISATION (owner = organisation number)
     * @param priority  ROUTINE, URGENT, ASAP or STAT (FHIR Task priority)
     */
    record TaskRequest(String title, String description, String ownerType, String owner, String priority, Instant dueAt) {
    }

    private final Tasks tasks;

    TaskController(Tasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping(path = "/api/v1/patients/{patient}/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The patient's tasks, by due date")
    List<Task> list(@Parameter(hidden = true) Caller caller, @PathVariable String patient) {
        return tasks.ofPatient(Pseudonyms.require(patient, "patient"), Actor.of(caller));
    }

    @PostMapping(path = "/api/v1/patients/{patient}/tasks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a task")
    Task create(@Parameter(hidden = true) Caller caller, @PathVariable String patient, @RequestBody TaskRequest request) {
        Pseudonyms.require(patient, "patient");
        new Validation().oneOf(request.ownerType(), TaskOwnerType.class, "ownerType").oneOf(request.priority(), TaskPriority.class, "priority")
                .orThrow();
        return tasks.create(patient, new Tasks.NewTask(request.title(), request.description(),
                request.ownerType() == null ? null : TaskOwnerType.valueOf(request.ownerType()), request.owner(),
                request.priority() == null ? null : TaskPriority.valueOf(request.priority()), request.dueAt()), Actor.of(caller));
    }

    @PostMapping(path = "/api/v1/tasks/{taskId}/start", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark a task in progress")
    Task start(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        return tasks.move(taskId, TaskStatus.IN_PROGRESS, Actor.of(caller));
    }

    @PostMapping(path = "/api/v1/tasks/{taskId}/complete", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark a task done")
    Task complete(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        return tasks.move(taskId, TaskStatus.COMPLETED, Actor.of(caller));
    }

    @PostMapping(path = "/api/v1/tasks/{taskId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Drop a task that is no longer needed")
    Task cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID taskId) {
        return tasks.move(taskId, TaskStatus.CANCELLED, Actor.of(caller));
    }
}
