package no.carerelay.collaboration.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.EventPublisher;

/**
 * Every access to patient data, granted or refused, kept for the controls Normen fact sheet 15 asks for: who (user,
 * the roles and organisation of their token, and the municipality acted for), which patient (pseudonym), which
 * resource, what, when and the decision; and every request the filter chain refused (401/403) before it reached the
 * service. Written in its own transaction so the record survives a refusal rolling back the request's, and so
 * read-only requests can write it. Entries are hash-chained and the table is append-only ({@link AccessLogVerifier}
 * checks the chain). The application log line of a refusal names the resource type and the municipality only; who
 * tried, and which patient, are in the table, not in the log.
 *
 * <p>Every entry that names a patient is also published as a {@code PatientDataAccessed} event on
 * {@code collaboration.access.v1} ({@link AccessEvents}), through the outbox in the entry's own transaction: the
 * event is stored if and only if the entry is, and patient-service shows it to the patient. Entries that name no
 * patient (a refused request on a path without one) are not published.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    /** What a refused request's entry records at most of its path and of the reason (the path is the caller's text). */
    static final int MAX_PATH = 300;
    static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final ChainedAccessLog<AccessLogEntry> chain;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Null only for a writer that keeps the table alone (see the three-argument constructor). */
    private final EventPublisher events;

    @Autowired
    AccessLog(JdbcClient jdbc, Clock clock, MeterRegistry meters, EventPublisher events) {
        this.jdbc = jdbc;
        this.chain = AccessLogVerifier.chainOf(jdbc);
        this.clock = clock;
        this.meters = meters;
        this.events = events;
    }

    /** A writer that keeps the table and publishes nothing: for checks of the chain on a bare database, without an outbox. */
    AccessLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this(jdbc, clock, meters, null);
    }

    /** A read or change of one patient's data that was allowed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void granted(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action) {
        insert(now(), actor, resourceType, resourceId, patientPseudonym, action, "GRANTED", "work-related need", "work-related need");
    }

    /** A listing (inbox, worklist) that showed these patients: one entry per patient, so each patient's log is complete. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void listed(Actor actor, String resourceType, String action, Collection<String> patientPseudonyms) {
        Instant at = now();
        for (String pseudonym : new LinkedHashSet<>(patientPseudonyms)) {
            insert(at, actor, resourceType, pseudonym, pseudonym, action, "GRANTED", "listed", "listed");
        }
    }

    /**
     * A request the service refused by its own rules (another municipality's case, no work-related need). Counted as
     * {@code carerelay_access_refused_total{resource,action}}: {@code carerelay_access_denied_total{status}} is the
     * resource server's count of the filter's refusals, and one meter name cannot carry both sets of labels.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Actor actor, String resourceType, String resourceId, String patientPseudonym, String action, String reason) {
        insert(now(), actor, resourceType, resourceId, patientPseudonym, action, "DENIED", reason, reason);
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
     * @param reason           in this service's words (it is published as the refusal's reason)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void requestRefused(Actor actor, String method, String path, String patientPseudonym, String reason) {
        insert(now(), actor, "request", truncate(path, MAX_PATH), patientPseudonym, method, "DENIED", truncate(reason, MAX_REASON),
                reason);
    }

    /**
     * As {@link #requestRefused(Actor, String, String, String, String)}, with the resource server's status and detail:
     * the entry's reason is {@code "<status> <detail>"}; the published reason names the status in fixed words, since
     * the detail quotes the request's path, which is the caller's text.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void requestRefused(Actor actor, String method, String path, String patientPseudonym, int status, String detail) {
        insert(now(), actor, "request", truncate(path, MAX_PATH), patientPseudonym, method, "DENIED",
                truncate(status + " " + detail, MAX_REASON), AccessEvents.refusedRequestReason(status));
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
     * just before it; the head then records it, in the same transaction; and so does the outbox its event.
     *
     * @param publishedReason the entry's reason as the patient may read it (see {@link AccessEvents})
     */
    private void insert(Instant at, Actor actor, String resourceType, String resourceId, String patientPseudonym, String action,
            String decision, String reason, String publishedReason) {
        String user = actor == null ? null : actor.userId();
        String roles = actor == null ? null : actor.roleNames();
        String organisation = actor == null ? null : actor.organisation();
        String municipality = actor == null ? null : actor.municipality();
        String prevHash = chain.lockForAppend();
        long id = chain.nextId();
        String hash = AccessLogEntry.hash(AccessLogEntry.HASH_VERSION, prevHash, id, at, user, roles, organisation, municipality, resourceType,
                resourceId, patientPseudonym, action, decision, reason);
        jdbc.sql("""
                        INSERT INTO access_log (id, at, actor, actor_roles, actor_organisation, actor_municipality, resource_type, resource_id,
                                                patient_pseudonym, action, decision, reason, prev_hash, hash, hash_version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), user, roles, organisation, municipality, resourceType, resourceId, patientPseudonym, action,
                        decision, reason, prevHash, hash, AccessLogEntry.HASH_VERSION)
                .update();
        chain.advance(id, hash);
        publish(id, at, actor, resourceType, patientPseudonym, action, decision, publishedReason);
    }

    /**
     * The entry's event, into the outbox of the entry's transaction (a failure here rolls the entry back with it). An
     * entry that names no patient is not published. One whose patient is not a pseudonym (the field holds what a
     * caller sent, e.g. a query parameter) is kept but not published: the contract and patient-service know only
     * pseudonyms, so nobody could be shown it, and refusing the event must not fail the request the entry records.
     * The warning names the entry, not the patient.
     */
    private void publish(long id, Instant at, Actor actor, String resourceType, String patientPseudonym, String action, String decision,
            String reason) {
        if (events == null || patientPseudonym == null) {
            return;
        }
        if (!AccessEvents.publishable(patientPseudonym)) {
            log.warn("access_log entry {} names a patient that is not a pseudonym; it is kept and not published", id);
            return;
        }
        events.publish(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, patientPseudonym,
                AccessEvents.of(id, at, actor, resourceType, patientPseudonym, action, decision, reason));
    }
}
