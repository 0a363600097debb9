package no.carerelay.collaboration.care;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.errors.PatientAccessDeniedException;
import no.carerelay.collaboration.identity.Actor;

/**
 * Access to a patient's care data only on a work-related need (Normen fact sheet 14): the user is on the patient's
 * care team, or acts for a municipality the patient has a handover case with or a team member from. Refusals are
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
}
