package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    private static final byte[] BODY = "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void shouldReproduceThePublishedReferenceVector() {
        // the vector in the Standard Webhooks / Svix reference libraries' test suites (e.g. svix-webhooks PHP
        // testSignFunctionWorks): signed content is msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertThat(StandardWebhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).isEqualTo(expected);
        // the whsec_ prefix is optional, as in the reference libraries
        assertThat(StandardWebhooks.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo(expected);
    }

    @Test
    void shouldIssueSecretsOfThirtyTwoRandomBytes() {
        String secret = StandardWebhooks.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(StandardWebhooks.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void shouldVerifyWhatItSigned() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now(), BODY), BODY, TOLERANCE)).isTrue();
    }

    @Test
    void shouldRefuseATamperedBody() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now(), BODY), "{}".getBytes(StandardCharsets.UTF_8), TOLERANCE))
                .isFalse();
    }

    @Test
    void shouldRefuseAWrongSecretAndAnotherMessageId() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), headers(secret, "msg_1", now(), BODY), BODY, TOLERANCE)).isFalse();
        Map<String, String> headers = new HashMap<>(headers(secret, "msg_1", now(), BODY));
        headers.put("webhook-id", "msg_2");
        assertThat(StandardWebhooks.verify(secret, headers, BODY, TOLERANCE)).isFalse();
    }

    @Test
    void shouldRefuseStaleAndFutureTimestamps() {
        String secret = StandardWebhooks.newSecret();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now() - 600, BODY), BODY, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now() + 600, BODY), BODY, TOLERANCE)).isFalse();
        assertThat(StandardWebhooks.verify(secret, headers(secret, "msg_1", now() - 240, BODY), BODY, TOLERANCE)).isTrue();
    }

    @Test
    void shouldRefuseMissingOrMalformedHeaders() {
        String secret = StandardWebhooks.newSecret();
        Map<String, String> headers = new HashMap<>(headers(secret, "msg_1", now(), BODY));
        headers.remove("webhook-signature");
        assertThat(StandardWebhooks.verify(secret, headers, BODY, TOLERANCE)).isFalse();
        Map<String, String> badTimestamp = new HashMap<>(headers(secret, "msg_1", now(), BODY));
        badTimestamp.put("webhook-timestamp", "yesterday");
        assertThat(StandardWebhooks.verify(secret, badTimestamp, BODY, TOLERANCE)).isFalse();
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesDuringSecretRotation() {
        String oldSecret = StandardWebhooks.newSecret();
        String newSecret = StandardWebhooks.newSecret();
        long timestamp = now();
        String both = StandardWebhooks.sign(oldSecret, "msg_2", timestamp, BODY) + " " + StandardWebhooks.sign(newSecret, "msg_2", timestamp, BODY);
        Map<String, String> headers = Map.of("webhook-id", "msg_2", "webhook-timestamp", Long.toString(timestamp), "webhook-signature", both);
        assertThat(StandardWebhooks.verify(newSecret, headers, BODY, TOLERANCE)).isTrue();
        assertThat(StandardWebhooks.verify(oldSecret, headers, BODY, TOLERANCE)).isTrue();
        assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), headers, BODY, TOLERANCE)).isFalse();
    }

    @Test
    void shouldIgnoreOtherSchemesAndMatchHeaderNamesIgnoringCase() {
        String secret = StandardWebhooks.newSecret();
        long timestamp = now();
        String signatures = "v1a,c29tZXRoaW5nIGVsc2U= " + StandardWebhooks.sign(secret, "msg_3", timestamp, BODY);
        Map<String, String> headers = Map.of("Webhook-Id", "msg_3", "Webhook-Timestamp", Long.toString(timestamp), "Webhook-Signature", signatures);
        assertThat(StandardWebhooks.verify(secret, headers, BODY, TOLERANCE)).isTrue();
        // a bare signature without its version is not a v1 signature
        Map<String, String> bare = Map.of("webhook-id", "msg_3", "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
                StandardWebhooks.sign(secret, "msg_3", timestamp, BODY).substring(3));
        assertThat(StandardWebhooks.verify(secret, bare, BODY, TOLERANCE)).isFalse();
    }

    private static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
                StandardWebhooks.sign(secret, id, timestamp, body));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
