package no.carerelay.eventbus;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Resubmits publications whose send failed or never finished (broker down, process killed between commit and
 * acknowledgement), and exposes the backlog so operators see an outbox that stalls.
 */
class OutboxMaintenance {

    private final IncompleteEventPublications incomplete;
    private final Duration minimumAge;

    OutboxMaintenance(IncompleteEventPublications incomplete, JdbcClient jdbc, MeterRegistry meters, Duration minimumAge) {
        this.incomplete = incomplete;
        this.minimumAge = minimumAge;
        Gauge.builder("carerelay.outbox.pending", () -> jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                        .query(Long.class).single())
                .description("Events stored in the outbox and not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("carerelay.outbox.oldest.pending.age", () -> jdbc.sql(
                                "SELECT coalesce(extract(epoch FROM now() - min(publication_date)), 0) FROM event_publication WHERE completion_date IS NULL")
                        .query(Double.class).single())
                .description("Age in seconds of the oldest event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${carerelay.eventbus.resubmit-interval:PT10S}",
            initialDelayString = "${carerelay.eventbus.resubmit-interval:PT10S}")
    void resubmitStalled() {
        incomplete.resubmitIncompletePublicationsOlderThan(minimumAge);
    }
}
