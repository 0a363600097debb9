package no.carerelay.collaboration.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.ChainHead;
import no.carerelay.accesschain.ChainedAccessLog;
import no.carerelay.accesschain.ChainLink;
import no.carerelay.accesschain.ChainVerification;

/**
 * Walks the access log's hash chain ({@link ChainVerification}: a changed, removed, reordered or truncated entry).
 * What it cannot see is a rewrite of the whole chain and its head together: anchoring the head outside the
 * database (e.g. publishing it) is the next step. Each entry is checked with the hash version it was written with, so entries
 * from before roles and organisation were recorded verify alongside the newer ones.
 */
@Service
public class AccessLogVerifier {

    private final ChainedAccessLog<AccessLogEntry> chain;

    AccessLogVerifier(JdbcClient jdbc) {
        this.chain = chainOf(jdbc);
    }

    /** The log as a chain of {@link AccessLogEntry}: for the writer, this verifier and the auditors' pages. */
    static ChainedAccessLog<AccessLogEntry> chainOf(JdbcClient jdbc) {
        return new ChainedAccessLog<>(jdbc, COLUMNS, AccessLogVerifier::entry);
    }

    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return chain.verify();
    }

    /** The check itself, over entries in id order and the head, so it is testable without a database. */
    static ChainVerification verify(List<AccessLogEntry> chain, ChainHead head) {
        return ChainVerification.of(chain.stream().map(entry -> new ChainLink(entry.id(), entry.prevHash(), entry.hash(), entry.matchesHash())).toList(),
                head);
    }

    /** The columns {@link #entry} reads. */
    static final String COLUMNS = """
            id, at, actor, actor_roles, actor_organisation, actor_municipality, resource_type, resource_id, patient_pseudonym, action, decision,
            reason, prev_hash, hash, hash_version""";

    static AccessLogEntry entry(ResultSet rs, int row) throws SQLException {
        return new AccessLogEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("actor_roles"),
                rs.getString("actor_organisation"), rs.getString("actor_municipality"), rs.getString("resource_type"), rs.getString("resource_id"),
                rs.getString("patient_pseudonym"), rs.getString("action"), rs.getString("decision"), rs.getString("reason"),
                rs.getString("prev_hash"), rs.getString("hash"), rs.getInt("hash_version"));
    }
}
