package no.carerelay.notification.delivery;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * One set of Resilience4j guards per endpoint, named by the subscription id: that name is the {@code name} tag of the
 * standard resilience4j_* meters (bounded by the number of subscriptions, no personal data). Configured under
 * {@code resilience4j.*.configs.default} in notification-service.yml.
 *
 * <p>Order, outermost first: retry (a few quick, jittered tries; the long haul is the persisted {@link RetrySchedule}),
 * circuit breaker (a dead or hanging endpoint stops being called), bulkhead (at most so many calls to one endpoint at
 * once, so it cannot take every connection), time limiter (no call waits longer than the limit).
 */
@Component
class EndpointGuards implements AutoCloseable {

    private final CircuitBreakerRegistry circuitBreakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry timeLimiters;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "webhook-guard-timer");
        thread.setDaemon(true);
        return thread;
    });

    EndpointGuards(CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        this.circuitBreakers = circuitBreakers;
        this.bulkheads = bulkheads;
        this.retries = retries;
        this.timeLimiters = timeLimiters;
    }

    <T> CompletionStage<T> call(UUID endpoint, Supplier<CompletionStage<T>> call) {
        return call(endpoint.toString(), call);
    }

    /** @param name a webhook subscription's id, or a channel ({@code email}, {@code sms}) */
    <T> CompletionStage<T> call(String name, Supplier<CompletionStage<T>> call) {
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(name);
        Bulkhead bulkhead = bulkheads.bulkhead(name);
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(name);
        Retry retry = retries.retry(name);
        Supplier<CompletionStage<T>> limited = TimeLimiter.decorateCompletionStage(timeLimiter, timers, call);
        Supplier<CompletionStage<T>> guarded = CircuitBreaker.decorateCompletionStage(circuitBreaker,
                Bulkhead.decorateCompletionStage(bulkhead, limited));
        return Retry.decorateCompletionStage(retry, timers, guarded).get();
    }

    /** How many calls one endpoint's bulkhead lets through at once. */
    int callsPerEndpoint() {
        return bulkheads.getDefaultConfig().getMaxConcurrentCalls();
    }

    CircuitBreaker.State state(UUID endpoint) {
        return circuitBreakers.circuitBreaker(endpoint.toString()).getState();
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
