package no.carerelay.patient.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.accesschain.ChainHeadTable;
import no.carerelay.accesschain.ChainLink;
import no.carerelay.accesschain.ChainVerification;

/**
 * Walks the access log's hash chain and says whether it is intact, or where and why it breaks (a changed, removed,
 * reordered or truncated entry). Entries written before the log was chained are not part of it.
 */
@Service
public class AccessLogVerifier {

    /** The columns {@link #entry} reads. */
    static final String COLUMNS = """
            id, at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, resource, action, decision, reason, prev_hash,
            hash""";

    private final JdbcClient jdbc;
    private final ChainHeadTable head;

    AccessLogVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.head = new ChainHeadTable(jdbc, AccessLog.HEAD_TABLE);
    }

    @Transactional(readOnly = true)
    public ChainVerification verify() {
        List<ChainLink> chain = jdbc.sql("SELECT " + COLUMNS + " FROM access_log WHERE hash IS NOT NULL ORDER BY id")
                .query(AccessLogVerifier::entry).stream()
                .map(entry -> new ChainLink(entry.id(), entry.prevHash(), entry.hash(), entry.matchesHash()))
                .toList();
        return ChainVerification.of(chain, head.read());
    }

    static AccessLogEntry entry(ResultSet rs, int row) throws SQLException {
        return new AccessLogEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("actor_roles"),
                rs.getString("actor_organisation"), rs.getString("actor_municipality"), rs.getString("patient_pseudonym"), rs.getString("resource"),
                rs.getString("action"), rs.getString("decision"), rs.getString("reason"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
