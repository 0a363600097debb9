package no.carerelay.eventbus;

import no.carerelay.contracts.EventEnvelope;

/** Handles one event inside the consumer's transaction; whatever it publishes is committed with it. */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(EventEnvelope<T> event);
}
