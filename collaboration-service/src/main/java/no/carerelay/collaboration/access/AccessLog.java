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
 * Every access to patient data, granted or refused, kept for the controls Normen fact sheet 15 asks for: who (user,
 * the roles and organisation of their token, and the municipality acted for), which patient (pseudonym), which
 * resource, what, when and the decision; and every request the filter chain refused (401/403) before it reached the
 * service. Written in its own transaction so the record survives a refusal rolling back the request's, and so
 * read-only requests can write it. Entries are hash-chained and the table is append-only ({@link AccessLogVerifier}
 * checks the chain). The application log line of a refusal names the resource type and the municipality only; who
 * tried, and which patient, are in the table, not in the log.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    /** What a refused request's entry records at most of its path and of the reason (the path is the caller's text). */
    static final int MAX_PATH = 300;
    static final int MAX_REASON = 500;

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
        insert(now(), actor, resourceType, resourceId, patientPseudonym, action, "GRANTED", "work-related need");
    }

    /** A listing (inbox, worklist) that showed these patients: one entry per patient, so each patient's log is complete. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void listed(Actor actor, String resourceType, String action, Collection<String> patientPseudonyms) {
        Instant at = now();
        for (String pseudonym : new LinkedHashSet<>(patientPseudonyms)) {
            insert(at, actor, resourceType, pseudonym, pseudonym, action, "GRANTED", "listed");
        }
    }

    /**
     * A request the service refused by its own rules (another municipality's case, no work-related need). Counted as
     * {@code carerelay_access_refused_total{resource,action}}: {@code carerelay_access_denied_total{status}} is the
     * resource server's count of the filter's refusals, and one meter name cannot carry both sets of labels.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action, String reason) {
        insert(now(), actor, resourceType, resourceId, patientPseudonym, action, "DENIED", reason);
        meters.counter("carerelay.access.refused", "resource", resourceType, "action", action).increment();
        // neither who nor which patient goes to the application log; both are in access_log
        log.warn("Access denied: {} on a {} by a user acting for municipality {}", action, resourceType,
                actor.municipality() == null ? "none" : actor.municipality());
    }

    /**
     * A request the filter chain refused before it reached the service: no valid token (401), or a role the
     * endpoint's rule does not name (403). Resource type {@code request}, the path as the resource, the HTTP method
     * as the action.
     *
     * @param actor            null when the request had no valid token, so who it was is not known
     * @param patientPseudonym the patient the path names, or null
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void requestRefused(Actor actor, String method, String path, String patientPseudonym, String reason) {
        insert(now(), actor, "request", truncate(path, MAX_PATH), patientPseudonym, method, "DENIED", truncate(reason, MAX_REASON));
    }

    /** PostgreSQL keeps microseconds; the hash must cover what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Appends one entry to the chain. Locking the head serialises writers, so every entry links to the one written
     * just before it; the head then records it, in the same transaction.
     */
    private void insert(Instant at, Actor actor, String resourceType, String resourceId, String patientPseudonym, String action,
            String decision, String reason) {
        String user = actor == null ? null : actor.userId();
        String roles = actor == null ? null : actor.roleNames();
        String organisation = actor == null ? null : actor.organisation();
        String municipality = actor == null ? null : actor.municipality();
        String prevHash = jdbc.sql("SELECT last_hash FROM access_log_head WHERE id = 1 FOR UPDATE").query(String.class).single();
        long id = jdbc.sql("SELECT nextval('access_log_id_seq')").query(Long.class).single();
        String hash = AccessLogEntry.hash(AccessLogEntry.HASH_VERSION, prevHash, id, at, user, roles, organisation, municipality, resourceType,
                resourceId, patientPseudonym, action, decision, reason);
        jdbc.sql("""
                        INSERT INTO access_log (id, at, actor, actor_roles, actor_organisation, actor_municipality, resource_type, resource_id,
                                                patient_pseudonym, action, decision, reason, prev_hash, hash, hash_version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), user, roles, organisation, municipality, resourceType, resourceId, patientPseudonym, action,
                        decision, reason, prevHash, hash, AccessLogEntry.HASH_VERSION)
                .update();
        jdbc.sql("UPDATE access_log_head SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1").params(id, hash).update();
    }
}
