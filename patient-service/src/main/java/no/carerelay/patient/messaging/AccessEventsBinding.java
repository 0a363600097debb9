package no.carerelay.patient.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.InboundEvents;
import no.carerelay.patient.access.AccessReports;

/**
 * Bindings {@code collaborationAccess-in-0} (collaboration.access.v1) and {@code trajectoryAccess-in-0}
 * (trajectory.access.v1), group patient-service: the other services' access-log entries, kept for the patient's
 * own view. Two bindings rather than one on both topics so each topic has its own dead-letter topic. Each accepts
 * only its owner's event type; another type on the topic is skipped.
 */
@Configuration
class AccessEventsBinding {

    @Bean
    Consumer<Message<List<byte[]>>> collaborationAccess(InboundEvents inbound, AccessReports reports) {
        return inbound.consumer("patient-service")
                .on(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, reports::record)
                .build();
    }

    @Bean
    Consumer<Message<List<byte[]>>> trajectoryAccess(InboundEvents inbound, AccessReports reports) {
        return inbound.consumer("patient-service")
                .on(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, reports::record)
                .build();
    }
}
