package no.carerelay.accesschain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of one access-log entry: SHA-256 over the previous entry's hash and the entry's fields, each field
 * length-prefixed (a null as length -1) so that no two different entries share a canonical form ("ab","c" is not
 * "a","bc"; null is not the empty text).
 */
public final class ChainHash {

    /** The previous hash of the first entry in a chain. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    /**
     * @param fields the entry's fields in a fixed order, the previous entry's hash among them (by convention
     *               first, after a version tag if the service has one); what the list covers is the service's choice
     */
    public static String of(String... fields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            canonical.append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
