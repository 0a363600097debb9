package no.carerelay.collaboration.task;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.collaboration.TaskOwnerType;
import no.carerelay.contracts.collaboration.TaskPriority;

/**
 * A coordination task. {@code owner} is a user id, a care-team role or an organisation number, per {@code ownerType}.
 *
 * @param source   MANUAL, or NEEDS_ASSESSMENT with {@code sourceId} the assessment that crossed a threshold
 * @param overdueAt when the overdue event was raised (once), null while not overdue
 */
public record Task(UUID id, String patientPseudonym, String municipality, String title, String description, TaskOwnerType ownerType,
        String owner, TaskPriority priority, TaskStatus status, Instant dueAt, String source, UUID sourceId, String createdBy,
        Instant createdAt, String completedBy, Instant completedAt, Instant overdueAt) {
}
