package no.carerelay.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.notification.config.NotificationProperties;

/**
 * Sends due webhooks. No database transaction is open during an HTTP call: deliveries are leased first, the outcome
 * recorded after. The dispatch loop never waits for a receiver: it leases what is due, starts the calls and goes on,
 * so a dead or hanging endpoint (held back by its own time limiter, bulkhead and circuit breaker, see
 * {@link EndpointGuards}) does not slow deliveries to the others. Per-patient order comes from the lease query, which
 * only hands out the oldest open delivery of each subscription and patient.
 */
@Component
class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    /** A full bulkhead frees up as soon as one call to that endpoint ends. */
    private static final Duration BULKHEAD_FULL_RECHECK = Duration.ofMillis(200);

    private final WebhookDeliveries deliveries;
    private final EndpointGuards guards;
    private final NotificationProperties properties;
    private final MeterRegistry meters;
    private final DispatchTrigger trigger;
    /** Bounds the calls in flight over all endpoints, and with it the memory and connections they hold. */
    private final Semaphore inFlight;
    /** Records outcomes (database work) off the HTTP client's and the time limiter's threads. */
    private final ExecutorService recorders = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "webhook-outcome");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    WebhookDispatcher(WebhookDeliveries deliveries, EndpointGuards guards, DispatchTrigger trigger, NotificationProperties properties,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.guards = guards;
        this.trigger = trigger;
        this.properties = properties;
        this.meters = meters;
        this.inFlight = new Semaphore(properties.maxInFlight());
        trigger.onWake(this::dispatchDue);
    }

    @Scheduled(fixedDelayString = "${carerelay.notification.dispatch-interval}")
    void onSchedule() {
        trigger.wake();
    }

    void dispatchDue() {
        try {
            while (true) {
                int room = Math.min(BATCH, inFlight.availablePermits());
                if (room == 0) {
                    return; // a call that ends wakes the loop again
                }
                List<ClaimedDelivery> batch = deliveries.claimDue(room, guards.callsPerEndpoint());
                for (ClaimedDelivery delivery : batch) {
                    inFlight.acquireUninterruptibly();
                    attempt(delivery).whenComplete((done, failure) -> {
                        inFlight.release();
                        if (failure != null) {
                            log.error("Recording the outcome of {} failed; its lease expires and it comes round again", delivery, failure);
                        }
                        trigger.wake(); // the next delivery in this lane may be due now
                    });
                }
                if (batch.size() < room) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("Webhook dispatch failed; leased deliveries come round again when their lease expires", e);
        }
    }

    private CompletableFuture<Void> attempt(ClaimedDelivery delivery) {
        HttpRequest request;
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    // a backstop: the time limiter gives up first and cancels the exchange
                    .timeout(properties.requestTimeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "CareRelay-Webhooks/1")
                    .header("webhook-id", delivery.id().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature(delivery, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.runAsync(() -> count(deliveries.failed(delivery, null, "invalid URL", Duration.ZERO, true, Duration.ZERO)),
                    recorders);
        }
        long start = System.nanoTime();
        CompletionStage<HttpResponse<Void>> call = guards.call(delivery.subscriptionId(), () -> send(request));
        return call.<Void>handleAsync((response, failure) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            record(delivery, response, unwrap(failure), latency);
            return null;
        }, recorders).toCompletableFuture();
    }

    /** One HTTP exchange; answers that should count against the endpoint become failures the guards see. */
    private CompletionStage<HttpResponse<Void>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            int status = response.statusCode();
            if (status / 100 == 2 || RetrySchedule.isPermanent(status) || status / 100 == 3) {
                return response;
            }
            var retryAfter = response.headers().firstValue("retry-after").flatMap(RetrySchedule::seconds);
            if (status == 429 || retryAfter.isPresent()) {
                throw new WebhookFailure.Throttled(status, retryAfter.orElse(null));
            }
            throw new WebhookFailure(status);
        });
    }

    private void record(ClaimedDelivery delivery, HttpResponse<Void> response, Throwable failure, Duration latency) {
        meters.timer("carerelay.webhook.latency", "outcome", response != null ? response.statusCode() / 100 + "xx" : "error").record(latency);
        int attempt = delivery.attempt();
        boolean budgetSpent = attempt >= properties.maxAttempts();
        if (failure instanceof CallNotPermittedException) {
            deliveries.deferred(delivery, "circuit open", properties.openCircuitRecheck());
            meters.counter("carerelay.webhook.deferred", "reason", "circuit_open").increment();
        } else if (failure instanceof BulkheadFullException) {
            deliveries.deferred(delivery, "endpoint busy", BULKHEAD_FULL_RECHECK);
            meters.counter("carerelay.webhook.deferred", "reason", "bulkhead_full").increment();
        } else if (failure instanceof WebhookFailure.Throttled throttled) {
            Duration wait = throttled.retryAfter() != null
                    ? RetrySchedule.backOff(attempt, java.util.Optional.of(Long.toString(throttled.retryAfter().toSeconds())))
                    : RetrySchedule.backOff(attempt);
            count(deliveries.failed(delivery, throttled.status(), throttled.getMessage(), wait, budgetSpent, latency));
        } else if (failure instanceof WebhookFailure answer) {
            count(deliveries.failed(delivery, answer.status(), budgetSpent ? "retry budget spent: HTTP " + answer.status() : "HTTP " + answer.status(),
                    RetrySchedule.backOff(attempt), budgetSpent, latency));
        } else if (failure != null) {
            String error = failure instanceof TimeoutException || failure instanceof HttpTimeoutException ? "timeout" : failure.getClass().getSimpleName();
            count(deliveries.failed(delivery, null, budgetSpent ? "retry budget spent: " + error : error, RetrySchedule.backOff(attempt),
                    budgetSpent, latency));
        } else if (response.statusCode() / 100 == 2) {
            deliveries.delivered(delivery, response.statusCode(), latency);
            count(DeliveryOutcome.DELIVERED);
        } else {
            // a refusal that will recur (4xx other than 408/429), or a redirect we do not follow
            count(deliveries.failed(delivery, response.statusCode(), "HTTP " + response.statusCode(), Duration.ZERO, true, latency));
        }
    }

    private static String signature(ClaimedDelivery delivery, long timestamp, byte[] body) {
        String id = delivery.id().toString();
        String current = WebhookSigner.sign(delivery.secret(), id, timestamp, body);
        // during a rotation both secrets sign, space-separated, so a receiver on either one accepts the webhook
        return delivery.previousSecret() == null ? current : current + " " + WebhookSigner.sign(delivery.previousSecret(), id, timestamp, body);
    }

    private void count(DeliveryOutcome outcome) {
        meters.counter("carerelay.webhook.deliveries", "outcome", outcome.name()).increment();
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
