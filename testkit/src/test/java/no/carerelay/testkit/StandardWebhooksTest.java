package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    private static final byte[] BODY = "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldMatchTheStandardWebhooksReferenceVector() {
        // from the Standard Webhooks reference libraries' test suite
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = StandardWebhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldVerifyWhatItSigned() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now(), BODY), BODY, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void shouldRefuseATamperedBodyAWrongSecretAndAStaleTimestamp() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now(), BODY), "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5))).isFalse();
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), headers(secret, "msg_1", now(), BODY), BODY,
                Duration.ofMinutes(5))).isFalse();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now() - 600, BODY), BODY, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesDuringSecretRotation() {
        String oldSecret = StandardWebhooks.newSecret();
        String newSecret = StandardWebhooks.newSecret();
        long timestamp = now();
        String both = StandardWebhooks.sign(oldSecret, "msg_2", timestamp, BODY) + " " + StandardWebhooks.sign(newSecret, "msg_2", timestamp, BODY);
        Map<String, String> headers = Map.of("webhook-id", "msg_2", "webhook-timestamp", Long.toString(timestamp), "webhook-signature", both);
        assertThat(StandardWebhooks.verify(newSecret, headers, BODY, Duration.ofMinutes(5))).isTrue();
        assertThat(StandardWebhooks.verify(oldSecret, headers, BODY, Duration.ofMinutes(5))).isTrue();
    }

    private static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
                StandardWebhooks.sign(secret, id, timestamp, body));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
