package no.carerelay.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com), as a receiver implements it. This is the
 * reference the receiver documentation points to; notification-service signs with its own code and the tests
 * check one against the other.
 */
public final class StandardWebhooks {

    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code msgId.timestamp.body} under the secret's key. */
    public static String sign(String secret, String msgId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the request is authentic: one of the space-separated {@code v1,<signature>} entries in
     * {@code webhook-signature} matches (several during a secret rotation), compared in constant time, and
     * {@code webhook-timestamp} is within {@code tolerance} of now either way (replay protection).
     *
     * @param headers the request's headers; names are matched ignoring case
     */
    public static boolean verify(String secret, Map<String, String> headers, byte[] body, Duration tolerance) {
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, id, seconds, body).getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : signatures.trim().split(" +")) {
            // no early exit: the time taken does not tell which entry matched
            match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The key bytes; the {@code whsec_} prefix is optional, as in the reference libraries. */
    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Standard Webhooks secret is whsec_ followed by base64", e);
        }
    }
}
