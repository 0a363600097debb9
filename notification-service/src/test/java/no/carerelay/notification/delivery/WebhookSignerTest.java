package no.carerelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.carerelay.testkit.StandardWebhooks;

class WebhookSignerTest {

    @Test
    void shouldProduceTheStandardWebhooksReferenceSignature() {
        assertThat(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldBeVerifiedByAnIndependentReceiverImplementation() {
        String secret = StandardWebhooks.newSecret();
        byte[] body = "{\"type\":\"no.carerelay.collaboration.HandoverOpened.v1\"}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of("webhook-id", "d-1", "webhook-timestamp", Long.toString(now),
                "webhook-signature", WebhookSigner.sign(secret, "d-1", now, body));
        assertThat(StandardWebhooks.verify(secret, headers, body, Duration.ofMinutes(5))).isTrue();
    }
}
