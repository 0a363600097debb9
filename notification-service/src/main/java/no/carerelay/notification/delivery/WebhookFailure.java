package no.carerelay.notification.delivery;

import java.time.Duration;

/**
 * A receiver's answer that counts as a failure for the circuit breaker: a server error, 408, or throttling. Thrown
 * inside the guarded call so Resilience4j sees it; no stack trace, it is an answer, not a bug.
 */
class WebhookFailure extends RuntimeException {

    private final int status;

    WebhookFailure(int status) {
        super("HTTP " + status, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /**
     * The receiver said when to come back (429, or 503 with Retry-After). Not retried in memory (the retry config
     * ignores it): the persisted schedule waits as long as the receiver asked.
     */
    static final class Throttled extends WebhookFailure {

        private final Duration retryAfter;

        Throttled(int status, Duration retryAfter) {
            super(status);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
