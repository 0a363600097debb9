package no.carerelay.contracts.collaboration;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.Require;

/**
 * A coordination task passed its due date undone. Carries no task text (it is free text and may name people):
 * the receiver links to the task by id. Topic collaboration.events.v1.
 *
 * @param municipality kommunenummer of the municipality responsible for the patient's follow-up, if known
 * @param source       what created the task: MANUAL, or NEEDS_ASSESSMENT for a threshold crossed
 */
public record TaskOverdue(
        UUID taskId,
        String patientPseudonym,
        String municipality,
        TaskPriority priority,
        TaskOwnerType ownerType,
        String owner,
        String source,
        Instant dueAt,
        Instant overdueAt) {

    public TaskOverdue {
        Require.present(taskId, "taskId");
        Require.pseudonym(patientPseudonym);
        if (municipality != null) {
            Require.kommunenummer(municipality, "municipality");
        }
        Require.present(priority, "priority");
        Require.present(ownerType, "ownerType");
        Require.text(owner, "owner");
        Require.text(source, "source");
        Require.present(dueAt, "dueAt");
        Require.present(overdueAt, "overdueAt");
    }
}
