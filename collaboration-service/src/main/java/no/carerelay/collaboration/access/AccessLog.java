package no.carerelay.collaboration.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.identity.Actor;

/**
 * Every access to patient data, granted or refused, kept for the controls Normen fact sheet 15 asks for: who (user
 * and municipality), which patient (pseudonym), which resource, what, when and the decision. Written in its own
 * transaction so the record survives a refusal rolling back the request's, and so read-only requests can write it.
 * The application log line of a refusal names the resource type and the municipality only; who tried, and which
 * patient, are in the table, not in the log.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    AccessLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    /** A read or change of one patient's data that was allowed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void granted(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action) {
        insert(actor, resourceType, resourceId, patientPseudonym, action, "GRANTED", "work-related need");
    }

    /** A listing (inbox, worklist) that showed these patients: one entry per patient, so each patient's log is complete. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void listed(Actor actor, String resourceType, String action, Collection<String> patientPseudonyms) {
        Timestamp at = Timestamp.from(clock.instant());
        for (String pseudonym : new LinkedHashSet<>(patientPseudonyms)) {
            insert(at, actor, resourceType, pseudonym, pseudonym, action, "GRANTED", "listed");
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action, String reason) {
        insert(actor, resourceType, resourceId, patientPseudonym, action, "DENIED", reason);
        meters.counter("carerelay.access.denied", "resource", resourceType, "action", action).increment();
        // neither who nor which patient goes to the application log; both are in access_log
        log.warn("Access denied: {} on a {} by a user acting for municipality {}", action, resourceType,
                actor.municipality() == null ? "none" : actor.municipality());
    }

    private void insert(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action, String decision,
            String reason) {
        insert(Timestamp.from(clock.instant()), actor, resourceType, resourceId, patientPseudonym, action, decision, reason);
    }

    private void insert(Timestamp at, Actor actor, String resourceType, String resourceId, String patientPseudonym, String action,
            String decision, String reason) {
        jdbc.sql("""
                        INSERT INTO access_log (at, actor, actor_municipality, resource_type, resource_id, patient_pseudonym, action, decision, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(at, actor.userId(), actor.municipality(), resourceType, resourceId, patientPseudonym, action, decision, reason)
                .update();
    }
}
