package no.carerelay.trajectory.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.trajectory.pathway.PathwayCatalog;
import no.carerelay.trajectory.pathway.PathwayDefinition;
import no.carerelay.trajectory.trajectory.Timeline.DeadlineView;
import no.carerelay.trajectory.trajectory.Timeline.HandoverView;
import no.carerelay.trajectory.trajectory.Timeline.HomePathwayView;
import no.carerelay.trajectory.trajectory.Timeline.MilestoneView;
import no.carerelay.trajectory.trajectory.Timeline.TrajectoryView;

/** Reads a patient's timeline: four queries, whatever the number of trajectories. */
@Service
public class TimelineQuery {

    private final JdbcClient jdbc;
    private final PathwayCatalog catalog;

    TimelineQuery(JdbcClient jdbc, PathwayCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public Timeline timeline(String patientPseudonym) {
        Map<UUID, List<MilestoneView>> milestones = new LinkedHashMap<>();
        List<MilestoneView> other = new ArrayList<>();
        jdbc.sql("""
                        SELECT trajectory_id, code, event_date, hospital_org, source, outcome, note, recorded_at FROM milestone
                        WHERE patient_pseudonym = ? ORDER BY event_date, recorded_at""")
                .param(patientPseudonym)
                .query((ResultSet rs) -> {
                    UUID trajectory = rs.getObject("trajectory_id", UUID.class);
                    MilestoneView view = new MilestoneView(rs.getString("code"), rs.getObject("event_date", LocalDate.class),
                            rs.getString("hospital_org"), rs.getString("source"), rs.getString("outcome"), rs.getString("note"),
                            instant(rs.getTimestamp("recorded_at")));
                    if (trajectory == null) {
                        other.add(view);
                    } else {
                        milestones.computeIfAbsent(trajectory, t -> new ArrayList<>()).add(view);
                    }
                });
        Map<UUID, List<DeadlineView>> deadlines = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, trajectory_id, lead_interval, treatment, awaiting, standard_days, from_date, due_date, due_at, status,
                               closed_date, warn_fired_at, handover_fired_at, breach_fired_at, warn_suppressed
                        FROM deadline WHERE patient_pseudonym = ? ORDER BY due_at""")
                .param(patientPseudonym)
                .query((ResultSet rs) -> {
                    deadlines.computeIfAbsent(rs.getObject("trajectory_id", UUID.class), t -> new ArrayList<>()).add(new DeadlineView(
                            rs.getObject("id", UUID.class), rs.getString("lead_interval"), rs.getString("treatment"), rs.getString("awaiting"),
                            (Integer) rs.getObject("standard_days"), rs.getObject("from_date", LocalDate.class),
                            rs.getObject("due_date", LocalDate.class), instant(rs.getTimestamp("due_at")), rs.getString("status"),
                            rs.getObject("closed_date", LocalDate.class), rs.getBoolean("warn_suppressed") ? null : instant(rs.getTimestamp("warn_fired_at")),
                            instant(rs.getTimestamp("handover_fired_at")), instant(rs.getTimestamp("breach_fired_at")),
                            rs.getBoolean("warn_suppressed")));
                });
        List<TrajectoryView> trajectories = jdbc.sql("""
                        SELECT * FROM trajectory WHERE patient_pseudonym = ? ORDER BY start_date, created_at""")
                .param(patientPseudonym)
                .query((rs, row) -> view(rs, milestones, deadlines)).list();
        List<HandoverView> handovers = jdbc.sql("""
                        SELECT id, trajectory_id, reason, municipality, due_at, created_at, accepted_at, accepted_case_id, planned_start
                        FROM handover_requirement WHERE patient_pseudonym = ? ORDER BY created_at""")
                .param(patientPseudonym)
                .query((rs, row) -> new HandoverView(rs.getObject("id", UUID.class), rs.getObject("trajectory_id", UUID.class),
                        rs.getString("reason"), rs.getString("municipality"), instant(rs.getTimestamp("due_at")),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("accepted_at")),
                        rs.getObject("accepted_case_id", UUID.class), rs.getObject("planned_start", LocalDate.class)))
                .list();
        return new Timeline(patientPseudonym, trajectories, other, handovers);
    }

    /**
     * The patient's municipality of residence as last told: by a pathway event (on the trajectory, updated with every
     * event that names one) or a discharge-ready declaration (on its handover requirement), both from
     * patient.encounters.v1 or the API. The latest wins, so a patient who moved belongs to the new municipality. Empty
     * when nothing about the patient is known here.
     */
    @Transactional(readOnly = true)
    public Optional<String> municipality(String patientPseudonym) {
        return jdbc.sql("""
                        SELECT municipality FROM (
                            SELECT municipality, updated_at AS told_at FROM trajectory WHERE patient_pseudonym = :patient
                            UNION ALL
                            SELECT municipality, created_at FROM handover_requirement WHERE patient_pseudonym = :patient
                        ) told ORDER BY told_at DESC LIMIT 1""")
                .param("patient", patientPseudonym)
                .query(String.class).optional();
    }

    private TrajectoryView view(ResultSet rs, Map<UUID, List<MilestoneView>> milestones, Map<UUID, List<DeadlineView>> deadlines)
            throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String pathway = rs.getString("pathway");
        LocalDate diagnosis = rs.getObject("diagnosis_date", LocalDate.class);
        return new TrajectoryView(id, pathway, catalog.find(pathway).map(PathwayDefinition::name).orElse(null),
                rs.getObject("definition_version", LocalDate.class), rs.getString("status"), rs.getObject("start_date", LocalDate.class),
                rs.getString("start_hospital_org"), rs.getString("hospital_org"), rs.getString("municipality"), rs.getString("decision_code"),
                rs.getObject("decision_date", LocalDate.class), rs.getString("planned_treatment"), rs.getString("treatment_code"),
                rs.getObject("treatment_date", LocalDate.class), (Integer) rs.getObject("of4_days"), (Integer) rs.getObject("of4_standard_days"),
                (Boolean) rs.getObject("within_standard"),
                diagnosis == null ? null : new HomePathwayView(diagnosis, rs.getObject("sp1_date", LocalDate.class),
                        rs.getObject("sp2_date", LocalDate.class), rs.getObject("sp3_date", LocalDate.class)),
                milestones.getOrDefault(id, List.of()), deadlines.getOrDefault(id, List.of()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
