package no.carerelay.patient.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.ChainVerification;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Denial;
import no.carerelay.resourceserver.DenialListener;

/**
 * patient-service's access log: a row per patient whose data a caller was shown (plus one for the request
 * itself), and a row per refused request. In its own transaction, so a read-only request or a refusal keeps its
 * row. Append-only and hash-chained ({@link #verify()} checks the chain). Who and which patient go here
 * only, never to the application log.
 */
@Component
public class AccessLog implements DenialListener {

    private static final String INSERT = """
            INSERT INTO access_log (id, at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, resource, action,
                                    decision, reason, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final ChainedAccessLog<AccessLogEntry> chain;
    private final Clock clock;

    AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.chain = new ChainedAccessLog<>(jdbc, AccessLogEntry.COLUMNS, AccessLogEntry::read);
        this.clock = Clock.systemUTC();
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

    /** A granted read of a listing: one row for the request and one per patient it showed. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void granted(Caller caller, String resource, String action, String reason, Collection<String> pseudonymsShown) {
        Instant now = now();
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
        insert(now(), denial.caller(), null, denial.path(), denial.method(), "DENIED", denial.reason());
    }

    /** PostgreSQL keeps microseconds; the hash must cover what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Appends one entry to the chain. The head is locked first (writers queue there, so each entry links to the one
     * written just before it; a listing's rows follow one another) and advanced in the same transaction.
     */
    private void insert(Instant at, Caller caller, String pseudonym, String resource, String action, String decision, String reason) {
        String actor = caller == null ? null : caller.userId();
        String roles = caller == null ? "" : caller.roleNames();
        String organisation = caller == null ? null : caller.organisation();
        String municipality = caller == null ? null : caller.municipality();
        String storedReason = Objects.requireNonNullElse(reason, "");
        String prevHash = chain.lockForAppend();
        long id = chain.nextId();
        String hash = AccessLogEntry.hash(prevHash, id, at, actor, roles, organisation, municipality, pseudonym, resource, action, decision,
                storedReason);
        jdbc.sql(INSERT).params(id, Timestamp.from(at), actor, roles, organisation, municipality, pseudonym, resource, action, decision,
                storedReason, prevHash, hash).update();
        chain.advance(id, hash);
    }
}
