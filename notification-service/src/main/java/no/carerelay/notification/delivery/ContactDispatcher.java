package no.carerelay.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.notification.config.NotificationProperties;

/**
 * Sends due e-mails and text messages, like {@link WebhookDispatcher} without waiting for a channel. The guards are
 * per channel ({@code email}, {@code sms}): the SMTP server and the SMS gateway are the endpoints that fail.
 */
@Component
class ContactDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContactDispatcher.class);
    private static final int BATCH = 50;

    private final ContactDeliveries deliveries;
    private final EndpointGuards guards;
    private final NotificationProperties properties;
    private final MeterRegistry meters;
    private final Map<String, ContactChannel> channels;
    private final Semaphore inFlight = new Semaphore(64);
    private final ExecutorService recorders = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "contact-outcome");
        thread.setDaemon(true);
        return thread;
    });
    private final DispatchTrigger trigger;

    ContactDispatcher(ContactDeliveries deliveries, EndpointGuards guards, NotificationProperties properties, MeterRegistry meters,
            List<ContactChannel> channels, DispatchTrigger trigger) {
        this.deliveries = deliveries;
        this.guards = guards;
        this.properties = properties;
        this.meters = meters;
        this.channels = channels.stream().collect(Collectors.toMap(ContactChannel::name, Function.identity()));
        this.trigger = trigger;
        trigger.onWake(this::dispatchDue);
    }

    void dispatchDue() {
        try {
            while (true) {
                int room = Math.min(BATCH, inFlight.availablePermits());
                if (room == 0) {
                    return;
                }
                List<ContactDeliveries.ClaimedMessage> batch = deliveries.claimDue(room);
                for (ContactDeliveries.ClaimedMessage message : batch) {
                    inFlight.acquireUninterruptibly();
                    attempt(message).whenComplete((done, failure) -> {
                        inFlight.release();
                        if (failure != null) {
                            log.error("Recording the outcome of {} failed; its lease expires and it comes round again", message, failure);
                        }
                    });
                }
                if (batch.size() < room) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("Contact dispatch failed; leased messages come round again when their lease expires", e);
        }
    }

    private CompletionStage<Void> attempt(ContactDeliveries.ClaimedMessage message) {
        ContactChannel channel = channels.get(message.channel());
        long start = System.nanoTime();
        CompletionStage<Void> call = channel == null
                ? java.util.concurrent.CompletableFuture.failedFuture(new ChannelFailure("no such channel", true))
                : guards.call(message.channel().toLowerCase(java.util.Locale.ROOT),
                        () -> channel.send(message.id().toString(), message.address(), message.subject(), message.body()));
        return call.handleAsync((done, failure) -> {
            record(message, unwrap(failure), Duration.ofNanos(System.nanoTime() - start));
            return null;
        }, recorders);
    }

    private void record(ContactDeliveries.ClaimedMessage message, Throwable failure, Duration latency) {
        boolean budgetSpent = message.attempt() >= properties.maxAttempts();
        DeliveryOutcome outcome;
        if (failure == null) {
            deliveries.delivered(message, latency);
            outcome = DeliveryOutcome.DELIVERED;
        } else if (failure instanceof CallNotPermittedException || failure instanceof BulkheadFullException) {
            deliveries.deferred(message, failure instanceof CallNotPermittedException ? "circuit open" : "channel busy",
                    properties.openCircuitRecheck());
            return;
        } else if (failure instanceof ChannelFailure refused) {
            boolean giveUp = refused.permanent() || budgetSpent;
            outcome = deliveries.failed(message, budgetSpent && !refused.permanent() ? "retry budget spent: " + refused.getMessage() : refused.getMessage(),
                    RetrySchedule.backOff(message.attempt()), giveUp, latency);
        } else {
            String error = failure instanceof TimeoutException ? "timeout" : failure.getClass().getSimpleName();
            outcome = deliveries.failed(message, budgetSpent ? "retry budget spent: " + error : error, RetrySchedule.backOff(message.attempt()),
                    budgetSpent, latency);
        }
        meters.counter("carerelay.contact.deliveries", "channel", message.channel(), "outcome", outcome.name()).increment();
    }

    private static Throwable unwrap(Throwable failure) {
        while ((failure instanceof CompletionException || failure instanceof ExecutionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    @Override
    public void close() {
        recorders.shutdown();
    }
}
