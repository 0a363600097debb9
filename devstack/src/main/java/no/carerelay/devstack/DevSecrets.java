package no.carerelay.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * {@code .devstack/keys.properties}: patient-service's encryption and lookup keys, the demo municipalities'
 * webhook secrets and the demo clients' secret at the token issuer, generated on the first run and reused, so that a
 * restarted patient-service can still decrypt what it stored and the webhook subscriptions kept in
 * notification-service's database still verify.
 */
final class DevSecrets {

    static final String ENCRYPTION_KEY = "patient.encryption-key";
    static final String LOOKUP_KEY = "patient.lookup-key";
    /** The demo clients' secret at the local token issuer (README shows how to get a token with it). */
    static final String TOKEN_CLIENT_SECRET = "token-issuer.client-secret";
    private static final String WEBHOOK_SECRET = "webhook.secret.";

    private final Properties values;

    private DevSecrets(Properties values) {
        this.values = values;
    }

    /** {@code bytes} random bytes, base64: a key for a run that keeps nothing (fault runs). */
    static String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    static DevSecrets loadOrCreate(Path file, List<String> municipalities) throws IOException {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean changed = false;
        for (String key : List.of(ENCRYPTION_KEY, LOOKUP_KEY)) {
            if (!values.containsKey(key)) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                values.setProperty(key, Base64.getEncoder().encodeToString(bytes));
                changed = true;
            }
        }
        if (!values.containsKey(TOKEN_CLIENT_SECRET)) {
            values.setProperty(TOKEN_CLIENT_SECRET, randomBase64(24).replace('+', '-').replace('/', '_'));
            changed = true;
        }
        for (String municipality : municipalities) {
            if (!values.containsKey(WEBHOOK_SECRET + municipality)) {
                values.setProperty(WEBHOOK_SECRET + municipality, WebhookSignature.newSecret());
                changed = true;
            }
        }
        if (changed) {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, "devstack only: generated once, never use these anywhere else. Delete to start afresh"
                        + " (then also run with --clean: what patient-service stored can no longer be decrypted).");
            }
        }
        return new DevSecrets(values);
    }

    String get(String key) {
        return values.getProperty(key);
    }

    String webhookSecret(String municipality) {
        return values.getProperty(WEBHOOK_SECRET + municipality);
    }
}
