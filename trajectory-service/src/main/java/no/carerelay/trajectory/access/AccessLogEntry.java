package no.carerelay.trajectory.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import no.carerelay.accesschain.ChainHash;
import no.carerelay.accesschain.ChainedEntry;

/**
 * One entry of trajectory-service's access log, as auditors read it and as it is chained.
 *
 * @param actor      the token's {@code sub}, or {@code unidentified} when the request had no valid token
 * @param actorRoles the token's roles, comma-separated; null when unknown
 * @param outcome    what happened ({@code read}, {@code registered}, {@code refused}, {@code denied}, ...)
 * @param request    method and path of a refused request, else null
 * @param prevHash   null for an entry written before the log was chained (V5), as is {@code hash}
 */
public record AccessLogEntry(long id, Instant at, String actor, String actorRoles, String actorOrganisation, String actorMunicipality,
        String patientPseudonym, String action, String outcome, String request, String reason, String prevHash, String hash)
        implements ChainedEntry {

    /** The columns {@link #read} reads. */
    static final String COLUMNS = """
            id, at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, action, outcome, request, reason, prev_hash,
            hash""";

    /** Names the field list below; a change to it needs a new tag so stored entries keep verifying with theirs. */
    static final String HASH_VERSION = "trajectory-access-log/1";

    /** SHA-256 over the previous hash and every field ({@link ChainHash}). */
    static String hash(String prevHash, long id, Instant at, String actor, String actorRoles, String actorOrganisation, String actorMunicipality,
            String patientPseudonym, String action, String outcome, String request, String reason) {
        return ChainHash.of(HASH_VERSION, prevHash, Long.toString(id), at.toString(), actor, actorRoles, actorOrganisation, actorMunicipality,
                patientPseudonym, action, outcome, request, reason);
    }

    /** Whether the entry's fields are still those its hash was computed over. */
    @Override
    public boolean matchesHash() {
        return hash(prevHash, id, at, actor, actorRoles, actorOrganisation, actorMunicipality, patientPseudonym, action, outcome, request, reason)
                .equals(hash);
    }

    static AccessLogEntry read(ResultSet rs, int row) throws SQLException {
        return new AccessLogEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("actor_roles"),
                rs.getString("actor_organisation"), rs.getString("actor_municipality"), rs.getString("patient_pseudonym"), rs.getString("action"),
                rs.getString("outcome"), rs.getString("request"), rs.getString("reason"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
