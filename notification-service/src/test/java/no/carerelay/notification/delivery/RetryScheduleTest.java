package no.carerelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    @Test
    void shouldDoubleTheWaitFromOneSecondUpToFiveMinutes() {
        assertThat(RetrySchedule.backOff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetrySchedule.backOff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetrySchedule.backOff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(RetrySchedule.backOff(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(RetrySchedule.backOff(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetrySchedule.backOff(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldHonourRetryAfterInSecondsWithinAnHour() {
        assertThat(RetrySchedule.backOff(1, Optional.of("30"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.backOff(1, Optional.of("86400"))).isEqualTo(Duration.ofHours(1));
        assertThat(RetrySchedule.backOff(3, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isEqualTo(Duration.ofSeconds(4));
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
