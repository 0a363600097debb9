package no.carerelay.collaboration.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Entries are hash-chained and the table is append-only ({@link AccessLogVerifier} checks the chain).
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
        Instant at = now();
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
        insert(now(), actor, resourceType, resourceId, patientPseudonym, action, decision, reason);
    }

    /** PostgreSQL keeps microseconds; the hash must cover what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Appends one entry to the chain. Locking the head serialises writers, so every entry links to the one written
     * just before it; the head then records it, in the same transaction.
     */
    private void insert(Instant at, Actor actor, String resourceType, String resourceId, String patientPseudonym, String action,
            String decision, String reason) {
        String prevHash = jdbc.sql("SELECT last_hash FROM access_log_head WHERE id = 1 FOR UPDATE").query(String.class).single();
        long id = jdbc.sql("SELECT nextval('access_log_id_seq')").query(Long.class).single();
        String hash = AccessLogEntry.hash(prevHash, id, at, actor.userId(), actor.municipality(), resourceType, resourceId, patientPseudonym,
                action, decision, reason);
        jdbc.sql("""
                        INSERT INTO access_log (id, at, actor, actor_municipality, resource_type, resource_id, patient_pseudonym, action, decision,
                                                reason, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), actor.userId(), actor.municipality(), resourceType, resourceId, patientPseudonym, action, decision,
                        reason, prevHash, hash)
                .update();
        jdbc.sql("UPDATE access_log_head SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1").params(id, hash).update();
    }
}
