package no.carerelay.trajectory.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.patient.PathwayEventRegistered;
import no.carerelay.eventbus.InboundEvents;
import no.carerelay.trajectory.handover.HandoverAcceptances;
import no.carerelay.trajectory.handover.HandoverRequirements;
import no.carerelay.trajectory.pathway.TreatmentType;
import no.carerelay.trajectory.trajectory.PathwayEventCommand;
import no.carerelay.trajectory.trajectory.TrajectoryService;

/**
 * Binding {@code patientEncounters-in-0}: patient.encounters.v1, group trajectory-service; and
 * {@code collaborationHandovers-in-0}: collaboration.handovers.v1, group trajectory-service.
 */
@Configuration
class EncounterEventsBinding {

    @Bean
    Consumer<Message<List<byte[]>>> patientEncounters(InboundEvents inbound, HandoverRequirements requirements, TrajectoryService trajectories) {
        return inbound.consumer("trajectory-service")
                .on(EventTypes.DISCHARGE_READY_DECLARED, requirements::onDischargeReady)
                .on(EventTypes.PATHWAY_EVENT_REGISTERED, event -> trajectories.register(command(event)))
                .build();
    }

    @Bean
    Consumer<Message<List<byte[]>>> collaborationHandovers(InboundEvents inbound, HandoverAcceptances acceptances) {
        return inbound.consumer("trajectory-service-handovers")
                .on(EventTypes.HANDOVER_ACCEPTED, acceptances::onAccepted)
                .build();
    }

    static PathwayEventCommand command(EventEnvelope<PathwayEventRegistered> event) {
        PathwayEventRegistered registered = event.data();
        return new PathwayEventCommand(registered.patientPseudonym(), registered.code(), registered.eventDate(), registered.municipality(),
                registered.hospital(), registered.plannedTreatment() == null ? null : TreatmentType.valueOf(registered.plannedTreatment()),
                PathwayEventCommand.Source.KAFKA, event.id());
    }
}
