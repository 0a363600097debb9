package no.carerelay.patient.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Denial;
import no.carerelay.resourceserver.DenialListener;

/**
 * patient-service's access log: a row per patient whose data a caller was shown (plus one for the request
 * itself), and a row per refused request. In its own transaction, so a read-only request or a refusal keeps its
 * row. Who and which patient go here only, never to the application log.
 */
@Component
public class AccessLog implements DenialListener {

    private static final String INSERT = """
            INSERT INTO access_log (at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, resource, action,
                                    decision, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** A granted read of a listing: one row for the request and one per patient it showed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void granted(Caller caller, String resource, String action, String reason, Collection<String> pseudonymsShown) {
        Timestamp now = Timestamp.from(clock.instant());
        insert(now, caller, null, resource, action, "GRANTED", reason);
        for (String pseudonym : new LinkedHashSet<>(pseudonymsShown)) {
            if (pseudonym != null) {
                insert(now, caller, pseudonym, resource, action, "GRANTED", reason);
            }
        }
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(Denial denial) {
        insert(Timestamp.from(clock.instant()), denial.caller(), null, denial.path(), denial.method(), "DENIED", denial.reason());
    }

    private void insert(Timestamp at, Caller caller, String pseudonym, String resource, String action, String decision, String reason) {
        jdbc.sql(INSERT).params(at, caller == null ? null : caller.userId(), caller == null ? "" : caller.roleNames(),
                caller == null ? null : caller.organisation(), caller == null ? null : caller.municipality(), pseudonym, resource, action, decision,
                Objects.requireNonNullElse(reason, "")).update();
    }
}
