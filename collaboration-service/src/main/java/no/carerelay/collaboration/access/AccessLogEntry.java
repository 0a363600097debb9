package no.carerelay.collaboration.access;

import java.time.Instant;

import no.carerelay.accesschain.ChainHash;
import no.carerelay.accesschain.ChainedEntry;

/**
 * One access-log entry as it is chained: its hash covers the previous entry's hash and every field.
 *
 * @param actor             the token's user id; null when the filter refused a request without a valid token
 * @param actorRoles        the token's roles, comma-separated claim values; null in entries written before roles were recorded
 * @param actorOrganisation the token's {@code org}; null when unknown, and in entries written before it was recorded
 * @param hashVersion       which fields the hash covers: {@value #LEGACY_HASH} (written before roles and organisation
 *                          were recorded; neither is covered, so both must be empty) or {@value #HASH_VERSION} (every field)
 */
public record AccessLogEntry(long id, Instant at, String actor, String actorRoles, String actorOrganisation, String actorMunicipality,
        String resourceType, String resourceId, String patientPseudonym, String action, String decision, String reason, String prevHash,
        String hash, int hashVersion) implements ChainedEntry {

    static final String GENESIS = ChainHash.GENESIS;
    static final int LEGACY_HASH = 1;
    static final int HASH_VERSION = 2;

    /**
     * SHA-256 over the previous hash and the fields ({@link ChainHash}: length-prefixed, so no two entries share a canonical form).
     * Version 1 covers what the log held before roles and organisation were recorded; version 2 starts with its
     * version and covers those too, so no entry of one version has the canonical form of the other.
     */
    static String hash(int version, String prevHash, long id, Instant at, String actor, String actorRoles, String actorOrganisation,
            String actorMunicipality, String resourceType, String resourceId, String patientPseudonym, String action, String decision,
            String reason) {
        String[] fields = switch (version) {
            case LEGACY_HASH -> new String[] {prevHash, Long.toString(id), at.toString(), actor, actorMunicipality, resourceType, resourceId,
                    patientPseudonym, action, decision, reason};
            case HASH_VERSION -> new String[] {"v2", prevHash, Long.toString(id), at.toString(), actor, actorRoles, actorOrganisation,
                    actorMunicipality, resourceType, resourceId, patientPseudonym, action, decision, reason};
            default -> throw new IllegalArgumentException("unknown access-log hash version " + version);
        };
        return ChainHash.of(fields);
    }

    /**
     * Whether the entry is as it was written: its hash matches its fields under its hash version. A legacy entry
     * must have no roles or organisation, as its hash does not cover them; an unknown version never matches.
     */
    @Override
    public boolean matchesHash() {
        if (hashVersion == LEGACY_HASH && (actorRoles != null || actorOrganisation != null)) {
            return false;
        }
        if (hashVersion != LEGACY_HASH && hashVersion != HASH_VERSION) {
            return false;
        }
        return hash(hashVersion, prevHash, id, at, actor, actorRoles, actorOrganisation, actorMunicipality, resourceType, resourceId,
                patientPseudonym, action, decision, reason).equals(hash);
    }
}
