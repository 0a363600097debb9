package no.carerelay.contracts;

import java.util.List;
import java.util.Optional;

import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.contracts.collaboration.HandoverAccepted;
import no.carerelay.contracts.collaboration.HandoverCancelled;
import no.carerelay.contracts.collaboration.HandoverCompleted;
import no.carerelay.contracts.collaboration.HandoverEscalated;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.collaboration.HandoverReceived;
import no.carerelay.contracts.collaboration.HandoverRejected;
import no.carerelay.contracts.collaboration.TaskOverdue;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.notification.DeliveryParked;
import no.carerelay.contracts.notification.DeliveryReplayed;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.patient.DischargeReadyWithdrawn;
import no.carerelay.contracts.patient.EncounterCancelled;
import no.carerelay.contracts.patient.PathwayEventRegistered;
import no.carerelay.contracts.patient.PatientAdmitted;
import no.carerelay.contracts.patient.PatientDeceased;
import no.carerelay.contracts.patient.PatientDischarged;
import no.carerelay.contracts.patient.PatientMoved;
import no.carerelay.contracts.patient.PatientRegistered;
import no.carerelay.contracts.patient.PatientTransferred;
import no.carerelay.contracts.trajectory.DeadlineApproaching;
import no.carerelay.contracts.trajectory.DeadlineBreached;
import no.carerelay.contracts.trajectory.HandoverRequired;

/** Every event type on the bus. A type not listed here is not part of the contract. */
public final class EventTypes {

    public static final EventType<PatientRegistered> PATIENT_REGISTERED =
            new EventType<>("no.carerelay.patient.PatientRegistered.v1", PatientRegistered.class, Topics.PATIENT_REGISTRY);
    public static final EventType<PatientMoved> PATIENT_MOVED =
            new EventType<>("no.carerelay.patient.PatientMoved.v1", PatientMoved.class, Topics.PATIENT_REGISTRY);
    public static final EventType<PatientDeceased> PATIENT_DECEASED =
            new EventType<>("no.carerelay.patient.PatientDeceased.v1", PatientDeceased.class, Topics.PATIENT_REGISTRY);
    public static final EventType<PatientAdmitted> PATIENT_ADMITTED =
            new EventType<>("no.carerelay.patient.PatientAdmitted.v1", PatientAdmitted.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<PatientTransferred> PATIENT_TRANSFERRED =
            new EventType<>("no.carerelay.patient.PatientTransferred.v1", PatientTransferred.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<DischargeReadyWithdrawn> DISCHARGE_READY_WITHDRAWN =
            new EventType<>("no.carerelay.patient.DischargeReadyWithdrawn.v1", DischargeReadyWithdrawn.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<PatientDischarged> PATIENT_DISCHARGED =
            new EventType<>("no.carerelay.patient.PatientDischarged.v1", PatientDischarged.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<EncounterCancelled> ENCOUNTER_CANCELLED =
            new EventType<>("no.carerelay.patient.EncounterCancelled.v1", EncounterCancelled.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<DischargeReadyDeclared> DISCHARGE_READY_DECLARED =
            new EventType<>("no.carerelay.patient.DischargeReadyDeclared.v1", DischargeReadyDeclared.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<HandoverRequired> HANDOVER_REQUIRED =
            new EventType<>("no.carerelay.trajectory.HandoverRequired.v1", HandoverRequired.class, Topics.TRAJECTORY_EVENTS);
    public static final EventType<PathwayEventRegistered> PATHWAY_EVENT_REGISTERED =
            new EventType<>("no.carerelay.patient.PathwayEventRegistered.v1", PathwayEventRegistered.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<DeadlineApproaching> DEADLINE_APPROACHING =
            new EventType<>("no.carerelay.trajectory.DeadlineApproaching.v1", DeadlineApproaching.class, Topics.TRAJECTORY_EVENTS);
    public static final EventType<DeadlineBreached> DEADLINE_BREACHED =
            new EventType<>("no.carerelay.trajectory.DeadlineBreached.v1", DeadlineBreached.class, Topics.TRAJECTORY_EVENTS);
    public static final EventType<HandoverOpened> HANDOVER_OPENED =
            new EventType<>("no.carerelay.collaboration.HandoverOpened.v1", HandoverOpened.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverReceived> HANDOVER_RECEIVED =
            new EventType<>("no.carerelay.collaboration.HandoverReceived.v1", HandoverReceived.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverAccepted> HANDOVER_ACCEPTED =
            new EventType<>("no.carerelay.collaboration.HandoverAccepted.v1", HandoverAccepted.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverRejected> HANDOVER_REJECTED =
            new EventType<>("no.carerelay.collaboration.HandoverRejected.v1", HandoverRejected.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverEscalated> HANDOVER_ESCALATED =
            new EventType<>("no.carerelay.collaboration.HandoverEscalated.v1", HandoverEscalated.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverCancelled> HANDOVER_CANCELLED =
            new EventType<>("no.carerelay.collaboration.HandoverCancelled.v1", HandoverCancelled.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<HandoverCompleted> HANDOVER_COMPLETED =
            new EventType<>("no.carerelay.collaboration.HandoverCompleted.v1", HandoverCompleted.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<TaskOverdue> TASK_OVERDUE =
            new EventType<>("no.carerelay.collaboration.TaskOverdue.v1", TaskOverdue.class, Topics.COLLABORATION_EVENTS);
    public static final EventType<DeliveryAttempted> DELIVERY_ATTEMPTED =
            new EventType<>("no.carerelay.notification.DeliveryAttempted.v1", DeliveryAttempted.class, Topics.NOTIFICATION_DELIVERIES);
    public static final EventType<DeliveryParked> DELIVERY_PARKED =
            new EventType<>("no.carerelay.notification.DeliveryParked.v1", DeliveryParked.class, Topics.NOTIFICATION_DELIVERIES);
    public static final EventType<DeliveryReplayed> DELIVERY_REPLAYED =
            new EventType<>("no.carerelay.notification.DeliveryReplayed.v1", DeliveryReplayed.class, Topics.NOTIFICATION_DELIVERIES);

    public static final EventType<PatientDataAccessed> COLLABORATION_PATIENT_DATA_ACCESSED =
            new EventType<>("no.carerelay.collaboration.PatientDataAccessed.v1", PatientDataAccessed.class, Topics.COLLABORATION_ACCESS);
    public static final EventType<PatientDataAccessed> TRAJECTORY_PATIENT_DATA_ACCESSED =
            new EventType<>("no.carerelay.trajectory.PatientDataAccessed.v1", PatientDataAccessed.class, Topics.TRAJECTORY_ACCESS);

    public static final List<EventType<?>> ALL =
            List.of(PATIENT_REGISTERED, PATIENT_MOVED, PATIENT_DECEASED, PATIENT_ADMITTED, PATIENT_TRANSFERRED, DISCHARGE_READY_DECLARED,
                    DISCHARGE_READY_WITHDRAWN, PATIENT_DISCHARGED, ENCOUNTER_CANCELLED, HANDOVER_REQUIRED, HANDOVER_OPENED,
                    HANDOVER_RECEIVED, HANDOVER_ACCEPTED, HANDOVER_REJECTED, HANDOVER_ESCALATED, HANDOVER_CANCELLED, HANDOVER_COMPLETED, DELIVERY_ATTEMPTED,
                    DELIVERY_PARKED, DELIVERY_REPLAYED,
                    PATHWAY_EVENT_REGISTERED, DEADLINE_APPROACHING, DEADLINE_BREACHED, TASK_OVERDUE, COLLABORATION_PATIENT_DATA_ACCESSED,
                    TRAJECTORY_PATIENT_DATA_ACCESSED);

    private EventTypes() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    /** The one type of a record class; PatientDataAccessed has one per owning service, so name the type for it. */
    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> dataType) {
        List<EventType<?>> types = ALL.stream().filter(type -> type.dataType().equals(dataType)).toList();
        if (types.size() != 1) {
            throw new IllegalArgumentException(types.isEmpty() ? "not a contract event: " + dataType.getName()
                    : dataType.getSimpleName() + " has a type per owning service: name it (" + types.stream().map(EventType::name).toList() + ")");
        }
        return (EventType<T>) types.get(0);
    }
}
