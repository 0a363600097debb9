package no.carerelay.notification.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.InboundEvents;
import no.carerelay.notification.delivery.ContactDeliveries;
import no.carerelay.notification.delivery.WebhookDeliveries;

/** Binding {@code collaborationHandovers-in-0}: collaboration.handovers.v1, group notification-service. */
@Configuration
class CollaborationHandoversBinding {

    @Bean
    Consumer<Message<List<byte[]>>> collaborationHandovers(InboundEvents inbound, WebhookDeliveries webhooks, ContactDeliveries contacts) {
        // both in the consumer's one transaction, with its processed-event row: all or nothing, once
        return inbound.consumer("notification-service")
                .on(EventTypes.HANDOVER_OPENED, event -> {
                    webhooks.enqueue(event);
                    contacts.enqueue(event);
                })
                .build();
    }
}
