package no.carerelay.trajectory.deadline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs a scan every {@code carerelay.trajectory.deadlines.scan-interval}; a failed pass is retried by the next one. */
@Component
class DeadlineSchedule {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSchedule.class);

    private final DeadlineScanner scanner;

    DeadlineSchedule(DeadlineScanner scanner) {
        this.scanner = scanner;
    }

    @Scheduled(fixedDelayString = "${carerelay.trajectory.deadlines.scan-interval:PT30S}",
            initialDelayString = "${carerelay.trajectory.deadlines.initial-delay:PT5S}")
    void scan() {
        try {
            scanner.scan();
        } catch (RuntimeException e) {
            log.warn("Deadline scan failed; the next pass retries: {}", e.toString());
        }
    }
}
