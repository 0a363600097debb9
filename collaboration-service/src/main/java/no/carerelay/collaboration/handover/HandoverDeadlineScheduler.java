package no.carerelay.collaboration.handover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the escalation scan and refreshes the handover gauges at the configured interval. */
@Component
class HandoverDeadlineScheduler {

    private static final Logger log = LoggerFactory.getLogger(HandoverDeadlineScheduler.class);

    private final HandoverEscalations escalations;
    private final HandoverMetrics metrics;

    HandoverDeadlineScheduler(HandoverEscalations escalations, HandoverMetrics metrics) {
        this.escalations = escalations;
        this.metrics = metrics;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${carerelay.collaboration.escalation-scan-interval:PT30S}")
    void scan() {
        try {
            int escalated;
            int total = 0;
            do {
                escalated = escalations.escalateDueBatch();
                total += escalated;
            } while (escalated == HandoverEscalations.BATCH);
            if (total > 0) {
                log.info("Escalated {} handover case(s) unanswered at their deadline", total);
            }
            metrics.refresh();
        } catch (RuntimeException e) {
            // the next scan picks up whatever this one did not commit
            log.warn("Escalation scan failed: {}", e.toString());
        }
    }
}
