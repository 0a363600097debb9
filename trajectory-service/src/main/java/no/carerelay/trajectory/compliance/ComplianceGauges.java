package no.carerelay.trajectory.compliance;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import no.carerelay.eventbus.RefreshedGauge;

/**
 * Prometheus gauges per pathway and starting trust (organisation number: bounded, not personal):
 * {@code carerelay.trajectory.leadtime.compliance} (share within the standard, 0-1),
 * {@code carerelay.trajectory.leadtime.completed} (trajectories counted), and the target
 * {@code carerelay.trajectory.leadtime.target}. Recomputed from the database every refresh interval, so every
 * instance reports the same figures.
 */
@Component
class ComplianceGauges {

    private static final Logger log = LoggerFactory.getLogger(ComplianceGauges.class);

    private final LeadTimeCompliance compliance;
    private final RefreshedGauge shares;
    private final RefreshedGauge completed;

    ComplianceGauges(LeadTimeCompliance compliance, MeterRegistry meters) {
        this.compliance = compliance;
        this.shares = RefreshedGauge.named("carerelay.trajectory.leadtime.compliance",
                "share of trajectories whose treatment started within the standard OF4 lead time", "ratio", meters);
        this.completed = RefreshedGauge.named("carerelay.trajectory.leadtime.completed",
                "trajectories with a treatment start counted in the compliance share", null, meters);
        Gauge.builder("carerelay.trajectory.leadtime.target", compliance, LeadTimeCompliance::target)
                .description("national target share within the standard lead time").baseUnit("ratio").register(meters);
    }

    @Scheduled(fixedDelayString = "${carerelay.trajectory.compliance.refresh-interval:PT60S}", initialDelay = 0)
    void refresh() {
        try {
            Map<Tags, Double> shareRows = new HashMap<>();
            Map<Tags, Long> completedRows = new HashMap<>();
            for (LeadTimeCompliance.Share share : compliance.shares(null, null, null, null)) {
                Tags tags = Tags.of("pathway", share.pathway(), "hospital", share.hospital());
                shareRows.put(tags, share.share());
                completedRows.put(tags, share.completed());
            }
            shares.update(shareRows);
            completed.update(completedRows);
        } catch (RuntimeException e) {
            log.warn("Lead-time compliance gauges not refreshed: {}", e.toString());
        }
    }
}
