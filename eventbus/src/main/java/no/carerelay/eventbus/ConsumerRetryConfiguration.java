package no.carerelay.eventbus;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.stream.annotation.StreamRetryTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import no.carerelay.contracts.UnreadableEventException;

/**
 * The retry policy of every consumer binding ({@code retry-template-name: eventbusRetryTemplate}): a few attempts
 * with exponential back-off for failures that may pass (database or broker hiccups), none for a record that can
 * never be read, which goes to the dead-letter topic at once. A template rather than the binding's
 * {@code retryable-exceptions} map, whose class-name keys Spring Boot 4 no longer binds.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StreamRetryTemplate.class)
class ConsumerRetryConfiguration {

    @StreamRetryTemplate
    RetryTemplate eventbusRetryTemplate(
            @Value("${carerelay.eventbus.consumer.max-attempts:3}") int maxAttempts,
            @Value("${carerelay.eventbus.consumer.back-off-initial:PT0.5S}") Duration initial,
            @Value("${carerelay.eventbus.consumer.back-off-multiplier:2.0}") double multiplier,
            @Value("${carerelay.eventbus.consumer.back-off-max:PT5S}") Duration max) {
        return new RetryTemplate(RetryPolicy.builder()
                .maxRetries(Math.max(0, maxAttempts - 1))
                .delay(initial)
                .multiplier(multiplier)
                .maxDelay(max)
                .predicate(ConsumerRetryConfiguration::mayPass)
                .build());
    }

    static boolean mayPass(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException) {
                return false;
            }
        }
        return true;
    }
}
