package no.carerelay.trajectory.access;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.resourceserver.Caller;

/**
 * Who read or changed which patient's pathway data, when, and with what outcome (Normen fact sheet 15); and every
 * request that was refused, whether by the token filter or by a tenant rule. The actor is the token's {@code sub}, with
 * its roles and kommunenummer. Its own transaction: a refused registration rolls back, its log entry stays. Nothing of
 * it goes to the application log.
 */
@Service
public class AccessLog {

    /** The outcome of a refused request. */
    public static final String DENIED = "denied";
    /** The actor of a request without a valid token: nobody we could name. */
    static final String UNIDENTIFIED = "unidentified";

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read or change of the patient's data by an authenticated caller. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Caller caller, String patientPseudonym, String action, String outcome) {
        insert(caller, patientPseudonym, action, outcome, null, null);
    }

    /**
     * A refused request.
     *
     * @param caller           null when the request had no valid token
     * @param patientPseudonym null when the request named no patient
     * @param request          method and path, as asked
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(Caller caller, String patientPseudonym, String action, String request, String reason) {
        insert(caller, patientPseudonym, action, DENIED, request, reason);
    }

    private void insert(Caller caller, String patientPseudonym, String action, String outcome, String request, String reason) {
        jdbc.sql("""
                        INSERT INTO access_log (at, actor, actor_roles, actor_municipality, patient_pseudonym, action, outcome, request, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), caller == null ? UNIDENTIFIED : truncate(caller.userId(), 100),
                        caller == null ? null : caller.roleNames(), caller == null ? null : caller.municipality(), patientPseudonym, action,
                        outcome, truncate(request, 300), truncate(reason, 500))
                .update();
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
