package no.carerelay.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.notification.config.NotificationProperties;

/**
 * Sends due webhooks. No database transaction is open during an HTTP call: deliveries are leased first, the
 * outcome recorded after. Deliveries for the same receiver and patient go one after another, in order; different
 * ones in parallel.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final WebhookDeliveries deliveries;
    private final DispatchTrigger trigger;
    private final NotificationProperties properties;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    WebhookDispatcher(WebhookDeliveries deliveries, DispatchTrigger trigger, NotificationProperties properties, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.trigger = trigger;
        this.properties = properties;
        this.meters = meters;
        trigger.onWake(this::dispatchDue);
    }

    @Scheduled(fixedDelayString = "${carerelay.notification.dispatch-interval}")
    void onSchedule() {
        trigger.wake();
    }

    void dispatchDue() {
        try {
            List<ClaimedDelivery> batch;
            do {
                batch = deliveries.claimDue(BATCH);
                Map<String, CompletableFuture<Void>> lanes = new LinkedHashMap<>();
                for (ClaimedDelivery delivery : batch) {
                    String lane = delivery.url() + "|" + delivery.patientPseudonym();
                    lanes.put(lane, lanes.getOrDefault(lane, CompletableFuture.completedFuture(null)).thenCompose(done -> attempt(delivery)));
                }
                CompletableFuture.allOf(lanes.values().toArray(CompletableFuture[]::new)).join();
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            log.error("Webhook dispatch failed; leased deliveries come round again when their lease expires", e);
        }
    }

    private CompletableFuture<Void> attempt(ClaimedDelivery delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("content-type", "application/json")
                    .header("user-agent", "CareRelay-Webhooks/1")
                    .header("webhook-id", delivery.id().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigner.sign(delivery.secret(), delivery.id().toString(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            record(delivery, null, "invalid URL", Duration.ZERO, true);
            return CompletableFuture.completedFuture(null);
        }
        Timer.Sample sample = Timer.start(meters);
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            sample.stop(meters.timer("carerelay.webhook.latency", "outcome", failure == null ? Integer.toString(response.statusCode() / 100) + "xx" : "error"));
            if (failure != null) {
                record(delivery, null, failure.getClass().getSimpleName(), latency, false);
            } else if (response.statusCode() / 100 == 2) {
                deliveries.delivered(delivery, response.statusCode(), latency);
                meters.counter("carerelay.webhook.deliveries", "outcome", DeliveryOutcome.DELIVERED.name()).increment();
            } else {
                Duration retryIn = RetrySchedule.backOff(delivery.attempt(), response.headers().firstValue("retry-after"));
                recordFailure(delivery, response.statusCode(), retryIn, latency);
            }
            return null;
        });
    }

    private void recordFailure(ClaimedDelivery delivery, int status, Duration retryIn, Duration latency) {
        boolean permanent = RetrySchedule.isPermanent(status);
        DeliveryOutcome outcome = deliveries.failed(delivery, status, "HTTP " + status, retryIn,
                permanent || delivery.attempt() >= properties.maxAttempts(), latency);
        meters.counter("carerelay.webhook.deliveries", "outcome", outcome.name()).increment();
    }

    private void record(ClaimedDelivery delivery, Integer status, String error, Duration latency, boolean permanent) {
        DeliveryOutcome outcome = deliveries.failed(delivery, status, error, RetrySchedule.backOff(delivery.attempt()),
                permanent || delivery.attempt() >= properties.maxAttempts(), latency);
        meters.counter("carerelay.webhook.deliveries", "outcome", outcome.name()).increment();
    }
}
