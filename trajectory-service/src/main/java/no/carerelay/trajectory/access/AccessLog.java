package no.carerelay.trajectory.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.ChainVerification;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.contracts.EventTypes;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.resourceserver.Caller;

/**
 * Who read or changed which patient's pathway data, when, and with what outcome (Normen fact sheet 15); and every
 * request that was refused, whether by the token filter or by a tenant rule. The actor is the token's {@code sub}, with
 * its roles, organisation and kommunenummer. Its own transaction: a refused registration rolls back, its log entry
 * stays. Entries are hash-chained and the table is append-only ({@link #verify()} checks the chain). Nothing
 * of it goes to the application log (an entry that could not be published is named there by its id only).
 *
 * <p>Every entry that names a patient is also published as a {@code PatientDataAccessed} event on
 * {@code trajectory.access.v1} ({@link AccessEvents}, which also maps the outcome words to the contract's decisions),
 * through the outbox in the entry's own transaction: the event is stored if and only if the entry is, and
 * patient-service shows it to the patient. Entries that name no patient are not published.
 */
@Service
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    /** The outcome of a refused request. */
    public static final String DENIED = "denied";
    /** The actor of a request without a valid token: nobody we could name. */
    static final String UNIDENTIFIED = "unidentified";

    private final JdbcClient jdbc;
    private final ChainedAccessLog<AccessLogEntry> chain;
    private final Clock clock;
    private final EventPublisher events;

    AccessLog(JdbcClient jdbc, Clock clock, EventPublisher events) {
        this.jdbc = jdbc;
        this.chain = new ChainedAccessLog<>(jdbc, AccessLogEntry.COLUMNS, AccessLogEntry::read);
        this.clock = clock;
        this.events = events;
    }

    /** Walks the hash chain: intact, or the first entry where it breaks and why (changed, removed, reordered, cut off). */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return chain.verify();
    }

    /** The log for auditors, newest first; with a pseudonym, only the entries that name that patient. */
    @Transactional(readOnly = true)
    public ChainedAccessLog.Page<AccessLogEntry> page(String patientPseudonym, int page, int size) {
        return chain.newestFirst(patientPseudonym, page, size);
    }

    /** A read or change of the patient's data by an authenticated caller. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Caller caller, String patientPseudonym, String action, String outcome) {
        insert(caller, patientPseudonym, action, outcome, null, null, "refused".equals(outcome) ? AccessEvents.PATHWAY_EVENT_REFUSED : null);
    }

    /**
     * A refused request.
     *
     * @param caller           null when the request had no valid token
     * @param patientPseudonym null when the request named no patient
     * @param request          method and path, as asked
     * @param reason           in this service's words (it is published as the refusal's reason)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(Caller caller, String patientPseudonym, String action, String request, String reason) {
        insert(caller, patientPseudonym, action, DENIED, request, reason, reason);
    }

    /**
     * A request the token filter refused, with the resource server's status and detail: the entry's reason is
     * {@code "<status>: <detail>"}; the published reason names the status in fixed words, since the detail quotes
     * the request's path, which is the caller's text.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void requestRefused(Caller caller, String patientPseudonym, String action, String request, int status, String detail) {
        insert(caller, patientPseudonym, action, DENIED, request, status + ": " + detail, AccessEvents.refusedRequestReason(status));
    }

    /**
     * Appends one entry to the chain: the head is locked first (writers queue there, so each entry links to the one
     * written just before it), then the entry, the head and the entry's event are written in this one transaction.
     *
     * @param publishedReason the entry's reason as the patient may read it (see {@link AccessEvents})
     */
    private void insert(Caller caller, String patientPseudonym, String action, String outcome, String request, String reason,
            String publishedReason) {
        // PostgreSQL keeps microseconds; the hash must cover what is stored
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String actor = caller == null ? UNIDENTIFIED : truncate(caller.userId(), 100);
        String roles = caller == null ? null : caller.roleNames();
        String organisation = caller == null ? null : truncate(caller.organisation(), 100);
        String municipality = caller == null ? null : caller.municipality();
        String storedRequest = truncate(request, 300);
        String storedReason = truncate(reason, 500);
        String prevHash = chain.lockForAppend();
        long id = chain.nextId();
        String hash = AccessLogEntry.hash(prevHash, id, at, actor, roles, organisation, municipality, patientPseudonym, action, outcome,
                storedRequest, storedReason);
        jdbc.sql("""
                        INSERT INTO access_log (id, at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, action,
                                                outcome, request, reason, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), actor, roles, organisation, municipality, patientPseudonym, action, outcome, storedRequest,
                        storedReason, prevHash, hash)
                .update();
        chain.advance(id, hash);
        publish(new Entry(id, at), caller, patientPseudonym, action, outcome, publishedReason);
    }

    /**
     * The entry's event, into the outbox of the entry's transaction (a failure here rolls the entry back with it),
     * with the time as stored. An entry that names no patient is not published. One whose patient is not a
     * pseudonym is kept but not published: the contract and patient-service know only pseudonyms, so nobody could be
     * shown it, and refusing the event must not fail the request the entry records. The warning names the entry, not
     * the patient.
     */
    private void publish(Entry entry, Caller caller, String patientPseudonym, String action, String outcome, String reason) {
        if (patientPseudonym == null) {
            return;
        }
        if (!AccessEvents.publishable(patientPseudonym)) {
            log.warn("access_log entry {} names a patient that is not a pseudonym; it is kept and not published", entry.id());
            return;
        }
        events.publish(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, patientPseudonym,
                AccessEvents.of(entry.id(), entry.at(), caller, patientPseudonym, action, outcome, reason));
    }

    private record Entry(long id, Instant at) {
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
