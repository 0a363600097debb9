package no.carerelay.trajectory.messaging;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.InboundEvents;
import no.carerelay.trajectory.handover.HandoverRequirements;

/** Binding {@code patientEncounters-in-0}: patient.encounters.v1, group trajectory-service. */
@Configuration
class EncounterEventsBinding {

    @Bean
    Consumer<Message<byte[]>> patientEncounters(InboundEvents inbound, HandoverRequirements requirements) {
        return inbound.consumer("trajectory-service")
                .on(EventTypes.DISCHARGE_READY_DECLARED, requirements::onDischargeReady)
                .build();
    }
}
