package no.carerelay.trajectory.trajectory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.carerelay.contracts.OrganisationRef;

/** SQL of the trajectory and milestone tables. */
@Repository
class Trajectories {

    private static final String COLUMNS = """
            id, patient_pseudonym, pathway, definition_version, status, start_date, start_hospital_org, hospital_org, hospital_her_id,
            hospital_name, municipality, decision_date, diagnosis_date, sp1_date, sp2_date, sp3_date""";

    private final JdbcClient jdbc;

    Trajectories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Trajectory> findRunningForUpdate(String patientPseudonym, String pathway) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM trajectory WHERE patient_pseudonym = ? AND pathway = ?"
                        + " AND status IN ('REFERRED', 'INVESTIGATING', 'DECIDED') FOR UPDATE")
                .params(patientPseudonym, pathway).query(Trajectories::map).optional();
    }

    Optional<Trajectory> findLatestTreatedForUpdate(String patientPseudonym, String pathway) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM trajectory WHERE patient_pseudonym = ? AND pathway = ? AND status = 'TREATMENT_STARTED'"
                        + " ORDER BY start_date DESC, created_at DESC LIMIT 1 FOR UPDATE")
                .params(patientPseudonym, pathway).query(Trajectories::map).optional();
    }

    /** The trajectory whose Pakkeforløp hjem runs: the latest with a diagnosis that was not ended by X. */
    Optional<Trajectory> findHomePathwayForUpdate(String patientPseudonym) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM trajectory WHERE patient_pseudonym = ? AND diagnosis_date IS NOT NULL"
                        + " AND status <> 'ENDED' ORDER BY diagnosis_date DESC, created_at DESC LIMIT 1 FOR UPDATE")
                .param(patientPseudonym).query(Trajectories::map).optional();
    }

    void insert(Trajectory t) {
        jdbc.sql("""
                        INSERT INTO trajectory (id, patient_pseudonym, pathway, definition_version, status, start_date, start_hospital_org,
                                                hospital_org, hospital_her_id, hospital_name, municipality)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.patientPseudonym(), t.pathway(), t.definitionVersion(), t.status().name(), t.startDate(),
                        t.startHospitalOrg(), t.hospital().organisationNumber(), t.hospital().herId(), t.hospital().name(), t.municipality())
                .update();
    }

    void updateHospitalAndMunicipality(UUID id, OrganisationRef hospital, String municipality) {
        jdbc.sql("""
                        UPDATE trajectory SET hospital_org = COALESCE(?, hospital_org), hospital_her_id = CASE WHEN ? THEN ? ELSE hospital_her_id END,
                               hospital_name = CASE WHEN ? THEN ? ELSE hospital_name END, municipality = COALESCE(?, municipality), updated_at = now()
                        WHERE id = ?""")
                .params(hospital == null ? null : hospital.organisationNumber(), hospital != null, hospital == null ? null : hospital.herId(),
                        hospital != null, hospital == null ? null : hospital.name(), municipality, id)
                .update();
    }

    void firstVisit(UUID id, LocalDate date) {
        jdbc.sql("UPDATE trajectory SET status = 'INVESTIGATING', first_visit_date = ?, updated_at = now() WHERE id = ?").params(date, id).update();
    }

    void decided(UUID id, String code, LocalDate date, String plannedTreatment, LocalDate diagnosisDate) {
        jdbc.sql("""
                        UPDATE trajectory SET status = 'DECIDED', decision_code = ?, decision_date = ?, planned_treatment = ?,
                               diagnosis_date = ?, updated_at = now() WHERE id = ?""")
                .params(code, date, plannedTreatment, diagnosisDate, id).update();
    }

    void treatmentStarted(UUID id, String code, LocalDate date, int of4Days, Integer standardDays, Boolean withinStandard) {
        jdbc.sql("""
                        UPDATE trajectory SET status = 'TREATMENT_STARTED', treatment_code = ?, treatment_date = ?, of4_days = ?,
                               of4_standard_days = ?, within_standard = ?, updated_at = now() WHERE id = ?""")
                .params(code, date, of4Days, standardDays, withinStandard, id).update();
    }

    void ended(UUID id, String code, LocalDate date) {
        jdbc.sql("UPDATE trajectory SET status = 'ENDED', end_code = ?, end_date = ?, updated_at = now() WHERE id = ?")
                .params(code, date, id).update();
    }

    void homeMilestone(UUID id, int contactPoint, LocalDate date) {
        jdbc.sql("UPDATE trajectory SET sp" + contactPoint + "_date = ?, updated_at = now() WHERE id = ?").params(date, id).update();
    }

    boolean hasRunningHomePathway(String patientPseudonym) {
        return jdbc.sql("""
                        SELECT count(*) FROM deadline WHERE patient_pseudonym = ? AND lead_interval IN ('SP2', 'SP3') AND status = 'OPEN'""")
                .param(patientPseudonym).query(Long.class).single() > 0;
    }

    UUID insertMilestone(UUID trajectoryId, String patientPseudonym, String code, LocalDate eventDate, String hospitalOrg, String source,
            UUID sourceEventId, String outcome, String note, Instant recordedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO milestone (id, trajectory_id, patient_pseudonym, code, event_date, hospital_org, source, source_event_id,
                                               outcome, note, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, trajectoryId, patientPseudonym, code, eventDate, hospitalOrg, source, sourceEventId, outcome, note,
                        Timestamp.from(recordedAt))
                .update();
        return id;
    }

    private static Trajectory map(ResultSet rs, int row) throws SQLException {
        return new Trajectory(rs.getObject("id", UUID.class), rs.getString("patient_pseudonym"), rs.getString("pathway"),
                rs.getObject("definition_version", LocalDate.class), TrajectoryStatus.valueOf(rs.getString("status")),
                rs.getObject("start_date", LocalDate.class), rs.getString("start_hospital_org"),
                new OrganisationRef(rs.getString("hospital_org"), rs.getString("hospital_her_id"), rs.getString("hospital_name")),
                rs.getString("municipality"), rs.getObject("decision_date", LocalDate.class), rs.getObject("diagnosis_date", LocalDate.class),
                rs.getObject("sp1_date", LocalDate.class), rs.getObject("sp2_date", LocalDate.class), rs.getObject("sp3_date", LocalDate.class));
    }
}
