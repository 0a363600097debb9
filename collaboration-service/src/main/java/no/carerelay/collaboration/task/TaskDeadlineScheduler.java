package no.carerelay.collaboration.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks for overdue tasks at the same interval as the handover escalation scan. */
@Component
class TaskDeadlineScheduler {

    private static final Logger log = LoggerFactory.getLogger(TaskDeadlineScheduler.class);

    private final Tasks tasks;

    TaskDeadlineScheduler(Tasks tasks) {
        this.tasks = tasks;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${carerelay.collaboration.escalation-scan-interval:PT30S}")
    void scan() {
        try {
            int raised;
            do {
                raised = tasks.raiseOverdueBatch();
            } while (raised == Tasks.BATCH);
        } catch (RuntimeException e) {
            log.warn("Overdue task scan failed: {}", e.toString());
        }
    }
}
