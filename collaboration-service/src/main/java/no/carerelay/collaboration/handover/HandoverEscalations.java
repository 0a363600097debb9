package no.carerelay.collaboration.handover;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.HandoverEscalated;
import no.carerelay.eventbus.EventPublisher;

/**
 * Escalates cases still unanswered at their deadline. The state lives in the database, not in timers: whatever
 * came due while the service was down is found by the first scan after start, and {@code escalated_at} is set in
 * the same transaction as the outbox record, under a row lock that concurrent scanners skip, so no case is
 * escalated twice, by one instance or several.
 */
@Service
public class HandoverEscalations {

    static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final HandoverCases cases;
    private final MeterRegistry meters;
    private final Clock clock;

    HandoverEscalations(JdbcClient jdbc, EventPublisher events, HandoverCases cases, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.cases = cases;
        this.meters = meters;
        this.clock = clock;
    }

    /** Escalates up to {@link #BATCH} due cases in one transaction; returns how many. */
    @Transactional
    public int escalateDueBatch() {
        Instant now = clock.instant();
        List<HandoverCase> due = jdbc.sql("SELECT " + HandoverCaseRows.COLUMNS + """
                         FROM handover_case
                        WHERE status IN ('REQUESTED', 'RECEIVED') AND escalated_at IS NULL AND due_at <= ?
                        ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), BATCH)
                .query(HandoverCaseRows.MAPPER).list();
        for (HandoverCase kase : due) {
            jdbc.sql("UPDATE handover_case SET escalated_at = ?, updated_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), Timestamp.from(now), kase.id()).update();
            cases.history(kase.id(), kase.status(), kase.status(), "escalate", null, null, "unanswered at " + kase.dueAt(), now);
            events.publish(EventTypes.HANDOVER_ESCALATED, kase.patientPseudonym(), new HandoverEscalated(kase.id(), kase.requirementId(),
                    kase.patientPseudonym(), kase.municipality(), kase.reason(), kase.dueAt(), kase.requestedBy(), now));
            meters.counter("carerelay.handover.escalated", "reason", kase.reason().name(), "municipality", kase.municipality()).increment();
        }
        return due.size();
    }
}
