package no.carerelay.trajectory.access;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who read or changed which patient's pathway data, when, and with what outcome (Normen fact sheet 15). Its own
 * transaction: a refused registration rolls back, its log entry stays. Nothing of it goes to the application log.
 */
@Service
public class AccessLog {

    /** Until callers authenticate (issue 9), the user id is what the calling system states. */
    public static final String USER_HEADER = "X-CareRelay-User";
    public static final String MUNICIPALITY_HEADER = "X-CareRelay-Municipality";
    static final String UNIDENTIFIED = "unidentified";

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String user, String municipality, String patientPseudonym, String action, String outcome) {
        jdbc.sql("""
                        INSERT INTO access_log (at, actor, actor_municipality, patient_pseudonym, action, outcome)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), user == null || user.isBlank() ? UNIDENTIFIED : truncate(user),
                        municipality == null || municipality.isBlank() ? null : truncate(municipality), patientPseudonym, action, outcome)
                .update();
    }

    private static String truncate(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }
}
