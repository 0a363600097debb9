package no.carerelay.collaboration.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the access log's hash chain. A changed entry no longer matches its hash; a removed or reordered one breaks
 * the link to the previous hash; a truncated tail no longer matches the head (last entry and count). What it
 * cannot see is a rewrite of the whole chain and its head together: anchoring the head outside the database
 * (e.g. publishing it) is the next step. Each entry is checked with the hash version it was written with, so entries
 * from before roles and organisation were recorded verify alongside the newer ones.
 */
@Service
public class AccessLogVerifier {

    /** @param firstBadEntryId the entry where the chain first breaks, or null */
    public record Verification(boolean intact, long entries, Long firstBadEntryId, String problem) {
    }

    private final JdbcClient jdbc;

    AccessLogVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        List<AccessLogEntry> chain = jdbc.sql("SELECT " + COLUMNS + " FROM access_log WHERE hash IS NOT NULL ORDER BY id")
                .query(AccessLogVerifier::entry).list();
        Head head = jdbc.sql("SELECT last_id, last_hash, entries FROM access_log_head WHERE id = 1")
                .query((rs, row) -> new Head((Long) rs.getObject(1), rs.getString(2), rs.getLong(3))).single();
        return verify(chain, head.lastId(), head.lastHash(), head.entries());
    }

    /** The check itself, over entries in id order and the head, so it is testable without a database. */
    static Verification verify(List<AccessLogEntry> chain, Long headLastId, String headLastHash, long headEntries) {
        String previous = AccessLogEntry.GENESIS;
        for (AccessLogEntry entry : chain) {
            if (!previous.equals(entry.prevHash())) {
                return new Verification(false, chain.size(), entry.id(), "entry " + entry.id() + " does not follow the entry before it: "
                        + "an entry was removed, inserted or reordered");
            }
            if (!entry.matchesHash()) {
                return new Verification(false, chain.size(), entry.id(), "entry " + entry.id() + " was changed after it was written");
            }
            previous = entry.hash();
        }
        if (!previous.equals(headLastHash) || chain.size() != headEntries) {
            Long last = chain.isEmpty() ? null : chain.get(chain.size() - 1).id();
            return new Verification(false, chain.size(), last, "the log ends at entry " + last + " after " + chain.size()
                    + " entries, but " + headEntries + " were written, the last being " + headLastId + ": entries were removed from the end");
        }
        return new Verification(true, chain.size(), null, null);
    }

    private record Head(Long lastId, String lastHash, long entries) {
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
