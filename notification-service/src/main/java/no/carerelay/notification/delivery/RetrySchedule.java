package no.carerelay.notification.delivery;

import java.time.Duration;
import java.util.Optional;

/** When to try a failed delivery again, and which failures are not worth trying again. */
final class RetrySchedule {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(5);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** The wait after the {@code attempt}-th failure (1-based): 1 s, 2 s, 4 s ... capped at 5 minutes. */
    static Duration backOff(int attempt) {
        int doublings = Math.min(attempt - 1, 20);
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
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

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: fall back to our schedule
        }
    }
}
