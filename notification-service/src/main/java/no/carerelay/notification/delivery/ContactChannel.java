package no.carerelay.notification.delivery;

import java.util.concurrent.CompletionStage;

/** A way to reach a coordinator (e-mail, SMS). Implementations live in their own packages. */
public interface ContactChannel {

    /** EMAIL or SMS, as in the contact preference and on notification.deliveries.v1. */
    String name();

    /**
     * Sends one message. Completes exceptionally with a {@link ChannelFailure} saying whether trying again can help.
     *
     * @param reference the delivery id, for the provider's own deduplication where it has any
     */
    CompletionStage<Void> send(String reference, String address, String subject, String body);
}
