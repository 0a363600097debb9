package no.carerelay.collaboration.worklist;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.config.CollaborationProperties;
import no.carerelay.collaboration.identity.Actor;

/**
 * A coordinator's worklist: the unanswered handover cases addressed to their municipality, the open tasks they own
 * (as a person, through a care-team role they hold, or through their organisation), and the Pakkeforløp hjem
 * contact points their municipality has accepted and that fall within the next 30 days; most urgent first.
 */
@Service
public class Worklist {

    /** Ranks: an overdue handover (cost may be running) before an overdue STAT/ASAP task, and so on. */
    public enum Kind {
        HANDOVER, TASK, CONTACT_POINT
    }

    public record Item(Kind kind, UUID id, String patientPseudonym, String title, String priority, String status, Instant dueAt, boolean overdue,
            boolean escalated, int urgency) {
    }

    public record Filter(List<Kind> kinds, String patientPseudonym, Boolean overdue, String priority) {
    }

    public record Page(List<Item> items, long total) {
    }

    public record MyPatient(String patientPseudonym, List<String> roles, long openTasks, long overdueTasks, Instant nextDueAt) {
    }

    static final int CONTACT_POINT_HORIZON_DAYS = 30;

    private static final String ITEMS = """
            SELECT 'HANDOVER' AS kind, c.id, c.patient_pseudonym, c.needed AS title,
                   CASE WHEN c.reason = 'DISCHARGE_READY' THEN 'STAT' ELSE 'URGENT' END AS priority, c.status, c.due_at,
                   c.due_at <= :now AS overdue, c.escalated_at IS NOT NULL AS escalated
              FROM handover_case c
             WHERE c.municipality = :municipality AND c.status IN ('REQUESTED', 'RECEIVED')
            UNION ALL
            SELECT 'TASK', t.id, t.patient_pseudonym, t.title, t.priority, t.status, t.due_at, t.due_at <= :now, t.overdue_at IS NOT NULL
              FROM task t
             WHERE t.status IN ('OPEN', 'IN_PROGRESS')
               AND ((t.owner_type = 'PERSON' AND t.owner = :user)
                 OR (t.owner_type = 'ROLE' AND EXISTS (
                        SELECT 1 FROM care_team_member m WHERE m.patient_pseudonym = t.patient_pseudonym AND m.ended_at IS NULL AND m.role = t.owner
                           AND (m.user_id = :user OR (m.user_id IS NULL AND m.municipality = :municipality))))
                 OR (t.owner_type = 'ORGANISATION' AND EXISTS (
                        SELECT 1 FROM care_team_member m WHERE m.patient_pseudonym = t.patient_pseudonym AND m.ended_at IS NULL
                           AND m.organisation_number = t.owner AND m.user_id = :user)))
            UNION ALL
            SELECT 'CONTACT_POINT', c.id, c.patient_pseudonym, c.needed, 'ROUTINE', c.status,
                   COALESCE(CAST(c.planned_start AS TIMESTAMP) AT TIME ZONE :zone, c.due_at), false, false
              FROM handover_case c
             WHERE c.municipality = :municipality AND c.status = 'ACCEPTED' AND c.reason IN ('SP1_COMPLETED', 'SP2_DUE', 'SP3_DUE')
               AND COALESCE(c.planned_start, CAST(c.due_at AT TIME ZONE :zone AS DATE)) <= :horizon
            """;

    private static final String URGENCY = """
            CASE WHEN kind = 'HANDOVER' AND overdue THEN 0
                 WHEN kind = 'TASK' AND overdue AND priority IN ('STAT', 'ASAP') THEN 1
                 WHEN kind = 'HANDOVER' THEN 2
                 WHEN kind = 'TASK' AND overdue THEN 3
                 WHEN priority IN ('STAT', 'ASAP', 'URGENT') THEN 4
                 ELSE 5 END""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CollaborationProperties properties;
    private final AccessLog accessLog;

    Worklist(JdbcClient jdbc, Clock clock, CollaborationProperties properties, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.accessLog = accessLog;
    }

    @Transactional(readOnly = true)
    public Page page(Actor actor, Filter filter, int page, int size) {
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" WHERE true");
        List<String> kinds = filter.kinds().stream().map(Enum::name).toList();
        if (!kinds.isEmpty()) {
            where.append(" AND kind IN (:kinds)");
        }
        if (filter.patientPseudonym() != null) {
            where.append(" AND patient_pseudonym = :patient");
        }
        if (filter.overdue() != null) {
            where.append(" AND overdue = :overdue");
        }
        if (filter.priority() != null) {
            where.append(" AND priority = :priority");
        }
        String from = " FROM (" + ITEMS + ") w" + where;
        long total = bind(jdbc.sql("SELECT count(*)" + from), actor, filter, kinds, now).query(Long.class).single();
        List<Item> items = bind(jdbc.sql("SELECT w.*, " + URGENCY + " AS urgency" + from + " ORDER BY urgency, due_at, id LIMIT :limit OFFSET :offset"),
                actor, filter, kinds, now)
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, row) -> new Item(Kind.valueOf(rs.getString("kind")), rs.getObject("id", UUID.class), rs.getString("patient_pseudonym"),
                        rs.getString("title"), rs.getString("priority"), rs.getString("status"), rs.getTimestamp("due_at").toInstant(),
                        rs.getBoolean("overdue"), rs.getBoolean("escalated"), rs.getInt("urgency")))
                .list();
        accessLog.listed(actor, "worklist", "read-worklist", items.stream().map(Item::patientPseudonym).toList());
        return new Page(items, total);
    }

    /** The patients the actor is on the care team of, with their open and overdue tasks. */
    @Transactional(readOnly = true)
    public List<MyPatient> myPatients(Actor actor) {
        Instant now = clock.instant();
        List<MyPatient> patients = new ArrayList<>();
        jdbc.sql("""
                        SELECT m.patient_pseudonym, string_agg(DISTINCT m.role, ',' ORDER BY m.role) AS roles,
                               (SELECT count(*) FROM task t WHERE t.patient_pseudonym = m.patient_pseudonym AND t.status IN ('OPEN', 'IN_PROGRESS')) AS open_tasks,
                               (SELECT count(*) FROM task t WHERE t.patient_pseudonym = m.patient_pseudonym AND t.status IN ('OPEN', 'IN_PROGRESS')
                                   AND t.due_at <= :now) AS overdue_tasks,
                               (SELECT min(t.due_at) FROM task t WHERE t.patient_pseudonym = m.patient_pseudonym AND t.status IN ('OPEN', 'IN_PROGRESS')) AS next_due
                          FROM care_team_member m
                         WHERE m.user_id = :user AND m.ended_at IS NULL
                         GROUP BY m.patient_pseudonym
                         ORDER BY overdue_tasks DESC, next_due NULLS LAST, m.patient_pseudonym""")
                .param("user", actor.userId()).param("now", Timestamp.from(now))
                .query(rs -> {
                    Timestamp next = rs.getTimestamp("next_due");
                    patients.add(new MyPatient(rs.getString(1), List.of(rs.getString("roles").split(",")), rs.getLong("open_tasks"),
                            rs.getLong("overdue_tasks"), next == null ? null : next.toInstant()));
                });
        accessLog.listed(actor, "worklist", "read-my-patients", patients.stream().map(MyPatient::patientPseudonym).toList());
        return patients;
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Actor actor, Filter filter, List<String> kinds, Instant now) {
        spec = spec.param("now", Timestamp.from(now)).param("municipality", actor.municipality()).param("user", actor.userId())
                .param("zone", properties.timeZone().getId())
                .param("horizon", Date.valueOf(now.atZone(properties.timeZone()).toLocalDate().plusDays(CONTACT_POINT_HORIZON_DAYS)));
        if (!kinds.isEmpty()) {
            spec = spec.param("kinds", kinds);
        }
        if (filter.patientPseudonym() != null) {
            spec = spec.param("patient", filter.patientPseudonym());
        }
        if (filter.overdue() != null) {
            spec = spec.param("overdue", filter.overdue());
        }
        if (filter.priority() != null) {
            spec = spec.param("priority", filter.priority());
        }
        return spec;
    }
}
