package no.carerelay.collaboration.care;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.errors.PatientAccessDeniedException;
import no.carerelay.collaboration.identity.Actor;

/**
 * Access to a patient's care data only on a work-related need (Normen fact sheet 14): the user is on the patient's
 * care team, or acts for a municipality (its token's kommunenummer) the patient has a handover case with or a team
 * member from. Refusals are
 * logged like handover refusals, and so is every access granted. A hospital user therefore gets in once a team member adds them.
 */
@Service
public class PatientAccess {

    static final String RESOURCE = "patient";

    private final JdbcClient jdbc;
    private final AccessLog accessLog;

    PatientAccess(JdbcClient jdbc, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
    }

    /**
     * Whether the actor may use this patient's care data; the decision is logged (granted or refused).
     *
     * @throws PatientAccessDeniedException when not
     */
    public void require(Actor actor, String pseudonym, String action) {
        boolean allowed = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM care_team_member WHERE patient_pseudonym = ? AND ended_at IS NULL AND user_id = ?)
                            OR EXISTS (SELECT 1 FROM care_team_member WHERE patient_pseudonym = ? AND ended_at IS NULL AND municipality = ?)
                            OR EXISTS (SELECT 1 FROM handover_case WHERE patient_pseudonym = ? AND municipality = ?)""")
                .params(pseudonym, actor.userId(), pseudonym, actor.municipality(), pseudonym, actor.municipality())
                .query(Boolean.class).single();
        if (!allowed) {
            accessLog.refused(actor, RESOURCE, pseudonym, pseudonym, action, "no care-team membership or case for the patient");
            throw new PatientAccessDeniedException();
        }
        accessLog.granted(actor, RESOURCE, pseudonym, pseudonym, action);
    }

    /** Whether the user is on the patient's active care team in person (not through a municipality or an organisation). */
    public boolean onCareTeam(String userId, String pseudonym) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM care_team_member WHERE patient_pseudonym = ? AND ended_at IS NULL AND user_id = ?)")
                .params(pseudonym, userId).query(Boolean.class).single();
    }
}
