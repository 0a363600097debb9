package no.carerelay.contracts;

import java.util.List;
import java.util.Optional;

import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.trajectory.HandoverRequired;

/** Every event type on the bus. A type not listed here is not part of the contract. */
public final class EventTypes {

    public static final EventType<DischargeReadyDeclared> DISCHARGE_READY_DECLARED =
            new EventType<>("no.carerelay.patient.DischargeReadyDeclared.v1", DischargeReadyDeclared.class, Topics.PATIENT_ENCOUNTERS);
    public static final EventType<HandoverRequired> HANDOVER_REQUIRED =
            new EventType<>("no.carerelay.trajectory.HandoverRequired.v1", HandoverRequired.class, Topics.TRAJECTORY_EVENTS);
    public static final EventType<HandoverOpened> HANDOVER_OPENED =
            new EventType<>("no.carerelay.collaboration.HandoverOpened.v1", HandoverOpened.class, Topics.COLLABORATION_HANDOVERS);
    public static final EventType<DeliveryAttempted> DELIVERY_ATTEMPTED =
            new EventType<>("no.carerelay.notification.DeliveryAttempted.v1", DeliveryAttempted.class, Topics.NOTIFICATION_DELIVERIES);

    public static final List<EventType<?>> ALL =
            List.of(DISCHARGE_READY_DECLARED, HANDOVER_REQUIRED, HANDOVER_OPENED, DELIVERY_ATTEMPTED);

    private EventTypes() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> dataType) {
        return (EventType<T>) ALL.stream()
                .filter(type -> type.dataType().equals(dataType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a contract event: " + dataType.getName()));
    }
}
