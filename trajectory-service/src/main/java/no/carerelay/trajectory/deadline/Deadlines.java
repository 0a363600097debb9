package no.carerelay.trajectory.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.trajectory.config.TrajectoryProperties;
import no.carerelay.trajectory.pathway.LeadTime;

/** Opens and closes deadline rows; the {@link DeadlineScanner} fires them. Always inside the caller's transaction. */
@Repository
public class Deadlines {

    private final JdbcClient jdbc;
    private final ZoneId zone;
    private final Period warningLead;

    Deadlines(JdbcClient jdbc, TrajectoryProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.timeZone();
        this.warningLead = properties.deadlines().approachingLead();
    }

    /** A lead-time deadline: standard {@code leadTime.days()} calendar days from {@code from}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID openLeadTime(UUID trajectoryId, String patientPseudonym, String pathway, LeadTime leadTime, LocalDate from, String awaiting) {
        LocalDate dueDate = CalendarDays.dueDate(from, leadTime.days());
        Instant dueAt = CalendarDays.endOf(dueDate, zone);
        Instant warnAt = CalendarDays.warningAt(dueDate, warningLead, zone);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO deadline (id, trajectory_id, patient_pseudonym, pathway, lead_interval, treatment, awaiting, standard_days,
                                              from_date, due_date, due_at, warn_at, next_fire_at, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(id, trajectoryId, patientPseudonym, pathway, leadTime.interval().name(),
                        leadTime.treatment() == null ? null : leadTime.treatment().name(), awaiting, leadTime.days(), from, dueDate,
                        Timestamp.from(dueAt), Timestamp.from(warnAt), Timestamp.from(new Firing.State(warnAt, null, dueAt, false, false, false).nextFireAt()))
                .update();
        return id;
    }

    /**
     * A Pakkeforløp hjem window: the municipality is asked to take over when it opens ({@code handover_at}) and
     * the deadline passes at the end of its last day.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID openHomeWindow(UUID trajectoryId, String patientPseudonym, String pathway, DeadlineInterval interval, LocalDate diagnosis,
            LocalDate opens, LocalDate lastDay, String awaiting) {
        Instant handoverAt = CalendarDays.startOf(opens, zone);
        Instant dueAt = CalendarDays.endOf(lastDay, zone);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO deadline (id, trajectory_id, patient_pseudonym, pathway, lead_interval, awaiting, standard_days,
                                              from_date, due_date, due_at, handover_at, next_fire_at, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(id, trajectoryId, patientPseudonym, pathway, interval.name(), awaiting, CalendarDays.between(diagnosis, lastDay),
                        diagnosis, lastDay, Timestamp.from(dueAt), Timestamp.from(handoverAt), Timestamp.from(handoverAt))
                .update();
        return id;
    }

    /** What was awaited happened on {@code on}: MET when on or before the due day, MET_LATE after it. Nothing more fires. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int close(UUID trajectoryId, Collection<DeadlineInterval> intervals, LocalDate on) {
        return jdbc.sql("""
                        UPDATE deadline SET status = CASE WHEN :on <= due_date THEN 'MET' ELSE 'MET_LATE' END,
                                            closed_date = :on, next_fire_at = NULL
                        WHERE trajectory_id = :trajectory AND status = 'OPEN' AND lead_interval IN (:intervals)""")
                .param("on", on).param("trajectory", trajectoryId)
                .param("intervals", intervals.stream().map(Enum::name).toList())
                .update();
    }

    /** The pathway ended (X, or a decision that ends it): nothing is awaited any more. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int cancel(UUID trajectoryId, Collection<DeadlineInterval> intervals, LocalDate on) {
        return jdbc.sql("""
                        UPDATE deadline SET status = 'CANCELLED', closed_date = :on, next_fire_at = NULL
                        WHERE trajectory_id = :trajectory AND status = 'OPEN' AND lead_interval IN (:intervals)""")
                .param("on", on).param("trajectory", trajectoryId)
                .param("intervals", intervals.stream().map(Enum::name).toList())
                .update();
    }
}
