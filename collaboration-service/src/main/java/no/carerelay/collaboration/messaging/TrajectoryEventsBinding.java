package no.carerelay.collaboration.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.collaboration.handover.HandoverCases;
import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.InboundEvents;

/** Binding {@code trajectoryEvents-in-0}: trajectory.events.v1, group collaboration-service. */
@Configuration
class TrajectoryEventsBinding {

    @Bean
    Consumer<Message<List<byte[]>>> trajectoryEvents(InboundEvents inbound, HandoverCases cases) {
        return inbound.consumer("collaboration-service")
                .on(EventTypes.HANDOVER_REQUIRED, cases::open)
                .build();
    }
}
