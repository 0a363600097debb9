package no.carerelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    @RepeatedTest(20)
    void shouldDoubleTheWaitFromAboutOneSecondWithJitter() {
        assertThat(RetrySchedule.backOff(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
        assertThat(RetrySchedule.backOff(2)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
        assertThat(RetrySchedule.backOff(5)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(24));
        assertThat(RetrySchedule.backOff(60)).isBetween(RetrySchedule.LONGEST.dividedBy(2), RetrySchedule.LONGEST.multipliedBy(3).dividedBy(2));
    }

    @Test
    void shouldSpreadTheRetriesOfDeliveriesThatFailedTogether() {
        Set<Duration> waits = IntStream.range(0, 50).mapToObj(i -> RetrySchedule.backOff(3)).collect(Collectors.toSet());
        assertThat(waits).hasSizeGreaterThan(10);
    }

    @Test
    void shouldHonourRetryAfterInSecondsWithinAnHour() {
        assertThat(RetrySchedule.backOff(1, Optional.of("30"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.backOff(1, Optional.of("86400"))).isEqualTo(Duration.ofHours(1));
        assertThat(RetrySchedule.backOff(3, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void shouldNotRetryAClientErrorThatWillRecur(int status) {
        assertThat(RetrySchedule.isPermanent(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void shouldRetryTimeoutsThrottlingAndServerErrors(int status) {
        assertThat(RetrySchedule.isPermanent(status)).isFalse();
    }
}
