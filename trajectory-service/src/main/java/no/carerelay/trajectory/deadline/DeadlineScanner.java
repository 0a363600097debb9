package no.carerelay.trajectory.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.DeadlineApproaching;
import no.carerelay.contracts.trajectory.DeadlineBreached;
import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.trajectory.config.TrajectoryProperties;
import no.carerelay.trajectory.handover.HandoverRequirements;

/**
 * Fires what has fallen due. There are no timers in memory: every deadline row carries its next firing time, and a
 * pass picks the rows whose time has come (partial index on {@code next_fire_at}), locks them ({@code SKIP LOCKED},
 * so two instances share the work), stores the events in the outbox and marks each action fired, all in one
 * transaction per batch. A crash before the commit leaves everything to fire on the next pass; after it, nothing
 * fires again. So a restart neither loses nor doubles a deadline.
 *
 * <p>When the breach is already due (the service was down, or the awaited event was registered late), the warning is
 * not sent any more: it is marked suppressed and only DeadlineBreached goes out.
 */
@Service
public class DeadlineScanner {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScanner.class);
    /** A safety stop: a pass never loops forever even if a row were to stay due. */
    private static final int MAX_BATCHES_PER_PASS = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final EventPublisher events;
    private final HandoverRequirements handovers;
    private final Clock clock;
    private final int batchSize;
    private final MeterRegistry meters;
    private final Timer passTimer;

    DeadlineScanner(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, EventPublisher events,
            HandoverRequirements handovers, Clock clock, TrajectoryProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.events = events;
        this.handovers = handovers;
        this.clock = clock;
        this.batchSize = properties.deadlines().batchSize();
        this.meters = meters;
        this.passTimer = Timer.builder("carerelay.trajectory.deadline.scan").description("one deadline scan pass")
                .publishPercentileHistogram().register(meters);
    }

    /** One pass at the clock's current time. */
    public ScanResult scan() {
        return scan(clock.instant());
    }

    /** One pass: fire everything due at {@code now}, batch after batch, until nothing is left. */
    public ScanResult scan(Instant now) {
        long start = System.nanoTime();
        ScanResult total = ScanResult.NONE;
        for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            Batch batch = transactions.execute(status -> fireBatch(now));
            total = total.plus(batch.result());
            if (batch.rows() < batchSize) {
                break;
            }
        }
        passTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (total.fired() > 0) {
            log.info("Deadline scan: {} approaching, {} breached, {} handovers required, {} warnings suppressed", total.approaching(),
                    total.breached(), total.handovers(), total.suppressed());
        }
        return total;
    }

    private Batch fireBatch(Instant now) {
        List<DueRow> rows = jdbc.sql("""
                        SELECT d.id, d.trajectory_id, d.patient_pseudonym, d.pathway, d.lead_interval, d.treatment, d.awaiting,
                               d.due_date, d.due_at, d.warn_at, d.handover_at, d.warn_fired_at, d.handover_fired_at, d.breach_fired_at,
                               t.hospital_org, t.hospital_her_id, t.hospital_name, t.municipality
                        FROM deadline d JOIN trajectory t ON t.id = d.trajectory_id
                        WHERE d.next_fire_at <= ?
                        ORDER BY d.next_fire_at
                        LIMIT ?
                        FOR UPDATE OF d SKIP LOCKED""")
                .params(Timestamp.from(now), batchSize)
                .query(DeadlineScanner::map).list();
        int approaching = 0;
        int breached = 0;
        int handed = 0;
        int suppressed = 0;
        List<Object[]> updates = new ArrayList<>(rows.size());
        for (DueRow row : rows) {
            Firing firing = Firing.at(new Firing.State(row.warnAt(), row.handoverAt(), row.dueAt(), row.warnFiredAt() != null,
                    row.handoverFiredAt() != null, row.breachFiredAt() != null), now);
            Timestamp firedAt = Timestamp.from(now);
            if (firing.handover()) {
                requireHandover(row);
                handed++;
            }
            if (firing.warn()) {
                events.publish(EventTypes.DEADLINE_APPROACHING, row.patientPseudonym(), approaching(row, now));
                approaching++;
            }
            if (firing.suppressWarning()) {
                suppressed++;
            }
            if (firing.breach()) {
                events.publish(EventTypes.DEADLINE_BREACHED, row.patientPseudonym(), breached(row, now));
                breached++;
            }
            Instant next = firing.after().nextFireAt();
            updates.add(new Object[] {
                    row.warnFiredAt() != null ? row.warnFiredAt() : firing.warn() || firing.suppressWarning() ? firedAt : null,
                    row.handoverFiredAt() != null ? row.handoverFiredAt() : firing.handover() ? firedAt : null,
                    row.breachFiredAt() != null ? row.breachFiredAt() : firing.breach() ? firedAt : null,
                    firing.suppressWarning(), next == null ? null : Timestamp.from(next), row.id()});
        }
        if (!updates.isEmpty()) {
            jdbcTemplate.batchUpdate("""
                    UPDATE deadline SET warn_fired_at = ?, handover_fired_at = ?, breach_fired_at = ?,
                                        warn_suppressed = warn_suppressed OR ?, next_fire_at = ?
                    WHERE id = ?""", updates);
        }
        count("approaching", approaching);
        count("breached", breached);
        count("handover", handed);
        count("suppressed", suppressed);
        return new Batch(rows.size(), new ScanResult(approaching, breached, handed, suppressed));
    }

    private void requireHandover(DueRow row) {
        HandoverReason reason = row.interval() == DeadlineInterval.SP2 ? HandoverReason.SP2_DUE : HandoverReason.SP3_DUE;
        String needed = "Hold the " + row.interval() + " needs assessment (Pakkeforløp hjem) in the municipality by " + row.dueDate()
                + ": invite the patient in writing; the cancer coordinator or a cancer nurse leads it";
        handovers.requireForTrajectory(row.trajectoryId(), row.patientPseudonym(), row.municipality(), reason, needed, row.dueAt(),
                row.hospital(), row.id());
    }

    private static DeadlineApproaching approaching(DueRow row, Instant now) {
        return new DeadlineApproaching(row.id(), row.trajectoryId(), row.patientPseudonym(), row.pathway(), row.interval(), row.treatment(),
                row.awaiting(), row.dueDate(), row.dueAt(), row.hospital(), row.municipality(), now);
    }

    private static DeadlineBreached breached(DueRow row, Instant now) {
        return new DeadlineBreached(row.id(), row.trajectoryId(), row.patientPseudonym(), row.pathway(), row.interval(), row.treatment(),
                row.awaiting(), row.dueDate(), row.dueAt(), row.hospital(), row.municipality(), now);
    }

    private void count(String event, int n) {
        if (n > 0) {
            meters.counter("carerelay.trajectory.deadline.fired", "event", event).increment(n);
        }
    }

    private static DueRow map(ResultSet rs, int row) throws SQLException {
        return new DueRow(rs.getObject("id", UUID.class), rs.getObject("trajectory_id", UUID.class), rs.getString("patient_pseudonym"),
                rs.getString("pathway"), DeadlineInterval.valueOf(rs.getString("lead_interval")), rs.getString("treatment"),
                rs.getString("awaiting"), rs.getObject("due_date", LocalDate.class), rs.getTimestamp("due_at").toInstant(),
                instant(rs.getTimestamp("warn_at")), instant(rs.getTimestamp("handover_at")), rs.getTimestamp("warn_fired_at"),
                rs.getTimestamp("handover_fired_at"), rs.getTimestamp("breach_fired_at"),
                new OrganisationRef(rs.getString("hospital_org"), rs.getString("hospital_her_id"), rs.getString("hospital_name")),
                rs.getString("municipality"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record DueRow(UUID id, UUID trajectoryId, String patientPseudonym, String pathway, DeadlineInterval interval, String treatment,
            String awaiting, LocalDate dueDate, Instant dueAt, Instant warnAt, Instant handoverAt, Timestamp warnFiredAt,
            Timestamp handoverFiredAt, Timestamp breachFiredAt, OrganisationRef hospital, String municipality) {
    }

    private record Batch(int rows, ScanResult result) {
    }

    /** What one pass fired. */
    public record ScanResult(int approaching, int breached, int handovers, int suppressed) {

        static final ScanResult NONE = new ScanResult(0, 0, 0, 0);

        public int fired() {
            return approaching + breached + handovers;
        }

        ScanResult plus(ScanResult other) {
            return new ScanResult(approaching + other.approaching, breached + other.breached, handovers + other.handovers,
                    suppressed + other.suppressed);
        }
    }
}
