package no.carerelay.patient.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import no.carerelay.accesschain.ChainHash;
import no.carerelay.accesschain.ChainedEntry;

/**
 * One entry of patient-service's access log, as auditors read it and as it is chained.
 *
 * @param actor            the token's {@code sub}; null when the request had no valid token
 * @param actorRoles       the token's roles, comma-separated; empty when unknown
 * @param patientPseudonym null for the row of a request itself (a listing has one row per patient it showed too)
 * @param resource         what was read, or the path of a refused request
 * @param action           what was done, or the method of a refused request
 * @param prevHash         null for an entry written before the log was chained (V5), as is {@code hash}
 */
public record AccessLogEntry(long id, Instant at, String actor, String actorRoles, String actorOrganisation, String actorMunicipality,
        String patientPseudonym, String resource, String action, String decision, String reason, String prevHash, String hash)
        implements ChainedEntry {

    /** The columns {@link #read} reads. */
    static final String COLUMNS = """
            id, at, actor, actor_roles, actor_organisation, actor_municipality, patient_pseudonym, resource, action, decision, reason, prev_hash,
            hash""";

    /** Names the field list below; a change to it needs a new tag so stored entries keep verifying with theirs. */
    static final String HASH_VERSION = "patient-access-log/1";

    /** SHA-256 over the previous hash and every field ({@link ChainHash}). */
    static String hash(String prevHash, long id, Instant at, String actor, String actorRoles, String actorOrganisation, String actorMunicipality,
            String patientPseudonym, String resource, String action, String decision, String reason) {
        return ChainHash.of(HASH_VERSION, prevHash, Long.toString(id), at.toString(), actor, actorRoles, actorOrganisation, actorMunicipality,
                patientPseudonym, resource, action, decision, reason);
    }

    /** Whether the entry's fields are still those its hash was computed over. */
    @Override
    public boolean matchesHash() {
        return hash(prevHash, id, at, actor, actorRoles, actorOrganisation, actorMunicipality, patientPseudonym, resource, action, decision, reason)
                .equals(hash);
    }

    static AccessLogEntry read(ResultSet rs, int row) throws SQLException {
        return new AccessLogEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("actor_roles"),
                rs.getString("actor_organisation"), rs.getString("actor_municipality"), rs.getString("patient_pseudonym"), rs.getString("resource"),
                rs.getString("action"), rs.getString("decision"), rs.getString("reason"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
