package no.carerelay.collaboration.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One access-log entry as it is chained: its hash covers the previous entry's hash and every field. */
public record AccessLogEntry(long id, Instant at, String actor, String actorMunicipality, String resourceType, String resourceId,
        String patientPseudonym, String action, String decision, String reason, String prevHash, String hash) {

    static final String GENESIS = "0".repeat(64);

    /** SHA-256 over the previous hash and the fields, each length-prefixed so no two entries share a canonical form. */
    static String hash(String prevHash, long id, Instant at, String actor, String actorMunicipality, String resourceType, String resourceId,
            String patientPseudonym, String action, String decision, String reason) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {prevHash, Long.toString(id), at.toString(), actor, actorMunicipality, resourceType, resourceId,
                patientPseudonym, action, decision, reason}) {
            canonical.append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    String expectedHash() {
        return hash(prevHash, id, at, actor, actorMunicipality, resourceType, resourceId, patientPseudonym, action, decision, reason);
    }
}
