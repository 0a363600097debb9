package no.carerelay.notification.delivery;

import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.core.IntervalFunction;

/**
 * When to try a failed delivery again (after the quick in-memory retries of one attempt have failed), and which
 * failures are not worth trying again. This schedule is persisted in the delivery row, so it survives restarts.
 */
final class RetrySchedule {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(5);
    static final double JITTER = 0.5;
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);
    // Jitter spreads the retries of many deliveries that failed together (a receiver's outage) so they do not come
    // back as one burst when it recovers.
    private static final IntervalFunction JITTERED = IntervalFunction.ofExponentialRandomBackoff(FIRST, 2.0, JITTER, LONGEST);

    private RetrySchedule() {
    }

    /** The wait after the {@code attempt}-th failure (1-based): about 1 s, 2 s, 4 s ... (each +-50 %), at most 5 minutes. */
    static Duration backOff(int attempt) {
        return Duration.ofMillis(JITTERED.apply(Math.max(1, Math.min(attempt, 30))));
    }

    /** The receiver's own wish (429/503 Retry-After in seconds) wins over the schedule, within reason. */
    static Duration backOff(int attempt, Optional<String> retryAfter) {
        return retryAfter.flatMap(RetrySchedule::seconds)
                .map(wish -> wish.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wish)
                .orElseGet(() -> backOff(attempt));
    }

    /** A 4xx other than 408 (timeout) and 429 (too many requests) will fail the same way again. */
    static boolean isPermanent(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our schedule
        }
    }
}
