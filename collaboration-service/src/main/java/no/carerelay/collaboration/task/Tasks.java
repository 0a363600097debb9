package no.carerelay.collaboration.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.care.CareRole;
import no.carerelay.collaboration.care.PatientAccess;
import no.carerelay.collaboration.errors.InvalidInputException;
import no.carerelay.collaboration.errors.NotFoundException;
import no.carerelay.collaboration.errors.StateConflictException;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.TaskOverdue;
import no.carerelay.contracts.collaboration.TaskOwnerType;
import no.carerelay.contracts.collaboration.TaskPriority;
import no.carerelay.eventbus.EventPublisher;

/** Tasks with an owner, a due date, a priority and a status; an overdue task raises TaskOverdue once. */
@Service
public class Tasks {

    static final String RESOURCE = "task";
    static final int BATCH = 200;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern ORGANISATION_NUMBER = Pattern.compile("[0-9]{9}");

    static final RowMapper<Task> MAPPER = Tasks::map;

    private final JdbcClient jdbc;
    private final PatientAccess access;
    private final EventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    Tasks(JdbcClient jdbc, PatientAccess access, EventPublisher events, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    public record NewTask(String title, String description, TaskOwnerType ownerType, String owner, TaskPriority priority, Instant dueAt) {
    }

    @Transactional
    public Task create(String pseudonym, NewTask task, Actor actor) {
        access.require(actor, pseudonym, "create-task");
        return insert(pseudonym, actor.municipality(), task, "MANUAL", null, actor.userId());
    }

    /** For the service's own rules (a needs threshold crossed); runs in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Task createFor(String pseudonym, String municipality, NewTask task, String source, UUID sourceId, String createdBy) {
        return insert(pseudonym, municipality, task, source, sourceId, createdBy);
    }

    @Transactional(readOnly = true)
    public List<Task> ofPatient(String pseudonym, Actor actor) {
        access.require(actor, pseudonym, "read-tasks");
        return jdbc.sql("SELECT * FROM task WHERE patient_pseudonym = ? ORDER BY due_at, id").param(pseudonym).query(MAPPER).list();
    }

    @Transactional
    public Task move(UUID taskId, TaskStatus target, Actor actor) {
        Task task = jdbc.sql("SELECT * FROM task WHERE id = ? FOR UPDATE").param(taskId).query(MAPPER).optional()
                .orElseThrow(() -> new NotFoundException(RESOURCE, taskId));
        access.require(actor, task.patientPseudonym(), "update-task");
        if (!task.status().next().contains(target)) {
            throw new StateConflictException(RESOURCE, taskId, task.status().name(), target.name(),
                    task.status().next().stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        }
        Instant now = clock.instant();
        boolean done = target == TaskStatus.COMPLETED;
        jdbc.sql("UPDATE task SET status = ?, updated_at = ?, completed_by = ?, completed_at = ? WHERE id = ?")
                .params(target.name(), Timestamp.from(now), done ? actor.userId() : null, done ? Timestamp.from(now) : null, taskId).update();
        return jdbc.sql("SELECT * FROM task WHERE id = ?").param(taskId).query(MAPPER).single();
    }

    /** Raises TaskOverdue for up to {@link #BATCH} open tasks past due, each once (see HandoverEscalations for why this is safe). */
    @Transactional
    public int raiseOverdueBatch() {
        Instant now = clock.instant();
        List<Task> due = jdbc.sql("""
                        SELECT * FROM task WHERE status IN ('OPEN', 'IN_PROGRESS') AND overdue_at IS NULL AND due_at <= ?
                        ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), BATCH).query(MAPPER).list();
        for (Task task : due) {
            jdbc.sql("UPDATE task SET overdue_at = ?, updated_at = ? WHERE id = ?").params(Timestamp.from(now), Timestamp.from(now), task.id()).update();
            events.publish(EventTypes.TASK_OVERDUE, task.patientPseudonym(), new TaskOverdue(task.id(), task.patientPseudonym(),
                    task.municipality(), task.priority(), task.ownerType(), task.owner(), task.source(), task.dueAt(), now));
            meters.counter("carerelay.task.overdue", "priority", task.priority().name(), "source", task.source()).increment();
        }
        return due.size();
    }

    private Task insert(String pseudonym, String municipality, NewTask task, String source, UUID sourceId, String createdBy) {
        validate(task);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO task (id, patient_pseudonym, municipality, title, description, owner_type, owner, priority, status, due_at,
                                          source, source_id, created_by, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)""")
                .params(id, pseudonym, municipality, task.title().strip(), task.description(), task.ownerType().name(), task.owner(),
                        task.priority().name(), Timestamp.from(task.dueAt()), source, sourceId, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update();
        meters.counter("carerelay.task.created", "source", source).increment();
        return jdbc.sql("SELECT * FROM task WHERE id = ?").param(id).query(MAPPER).single();
    }

    private static void validate(NewTask task) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        if (task.title() == null || task.title().isBlank() || task.title().length() > 200) {
            violations.add(new InvalidInputException.Violation("title", "is required, at most 200 characters"));
        }
        if (task.description() != null && task.description().length() > 4000) {
            violations.add(new InvalidInputException.Violation("description", "must be at most 4000 characters"));
        }
        if (task.ownerType() == null) {
            violations.add(new InvalidInputException.Violation("ownerType", "is required: PERSON, ROLE or ORGANISATION"));
        } else if (task.owner() == null || !ownerValid(task.ownerType(), task.owner())) {
            violations.add(new InvalidInputException.Violation("owner", switch (task.ownerType()) {
                case PERSON -> "must be a user id of 1-100 characters of [A-Za-z0-9._@-]";
                case ROLE -> "must be a care-team role: " + List.of(CareRole.values());
                case ORGANISATION -> "must be a nine-digit organisation number";
            }));
        }
        if (task.priority() == null) {
            violations.add(new InvalidInputException.Violation("priority", "is required: ROUTINE, URGENT, ASAP or STAT"));
        }
        if (task.dueAt() == null) {
            violations.add(new InvalidInputException.Violation("dueAt", "is required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static boolean ownerValid(TaskOwnerType type, String owner) {
        return switch (type) {
            case PERSON -> USER.matcher(owner).matches();
            case ROLE -> java.util.Arrays.stream(CareRole.values()).anyMatch(role -> role.name().equals(owner));
            case ORGANISATION -> ORGANISATION_NUMBER.matcher(owner).matches();
        };
    }

    private static Task map(ResultSet rs, int row) throws SQLException {
        return new Task(rs.getObject("id", UUID.class), rs.getString("patient_pseudonym"), rs.getString("municipality"), rs.getString("title"),
                rs.getString("description"), TaskOwnerType.valueOf(rs.getString("owner_type")), rs.getString("owner"),
                TaskPriority.valueOf(rs.getString("priority")), TaskStatus.valueOf(rs.getString("status")), instant(rs, "due_at"),
                rs.getString("source"), rs.getObject("source_id", UUID.class), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getString("completed_by"), instant(rs, "completed_at"), instant(rs, "overdue_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
