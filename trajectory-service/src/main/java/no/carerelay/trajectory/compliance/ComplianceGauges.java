package no.carerelay.trajectory.compliance;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

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
    private final MultiGauge shares;
    private final MultiGauge completed;

    ComplianceGauges(LeadTimeCompliance compliance, MeterRegistry meters) {
        this.compliance = compliance;
        this.shares = MultiGauge.builder("carerelay.trajectory.leadtime.compliance")
                .description("share of trajectories whose treatment started within the standard OF4 lead time").baseUnit("ratio")
                .register(meters);
        this.completed = MultiGauge.builder("carerelay.trajectory.leadtime.completed")
                .description("trajectories with a treatment start counted in the compliance share").register(meters);
        Gauge.builder("carerelay.trajectory.leadtime.target", compliance, LeadTimeCompliance::target)
                .description("national target share within the standard lead time").baseUnit("ratio").register(meters);
    }

    @Scheduled(fixedDelayString = "${carerelay.trajectory.compliance.refresh-interval:PT60S}", initialDelay = 0)
    void refresh() {
        try {
            List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
            List<MultiGauge.Row<?>> completedRows = new ArrayList<>();
            for (LeadTimeCompliance.Share share : compliance.shares(null, null, null, null)) {
                Tags tags = Tags.of("pathway", share.pathway(), "hospital", share.hospital());
                shareRows.add(MultiGauge.Row.of(tags, share.share()));
                completedRows.add(MultiGauge.Row.of(tags, share.completed()));
            }
            shares.register(shareRows, true);
            completed.register(completedRows, true);
        } catch (RuntimeException e) {
            log.warn("Lead-time compliance gauges not refreshed: {}", e.toString());
        }
    }
}
