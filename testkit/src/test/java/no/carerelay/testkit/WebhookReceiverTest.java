package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A real HTTP server on loopback: fast enough for a unit test. */
class WebhookReceiverTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldRecordRequestsWithLowerCaseHeadersAndAnswer204() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            assertThat(receiver.url("/hooks/oslo")).startsWith("http://127.0.0.1:").endsWith("/hooks/oslo");
            HttpResponse<String> response = post(receiver.url("/hooks/oslo"), "{\"a\":1}", Duration.ofSeconds(5));
            assertThat(response.statusCode()).isEqualTo(204);
            var received = receiver.awaitReceived(1, Duration.ofSeconds(5));
            assertThat(received).hasSize(1);
            assertThat(received.get(0).path()).isEqualTo("/hooks/oslo");
            assertThat(received.get(0).headers()).containsEntry("webhook-id", "msg_1").containsEntry("content-type", "application/json");
            assertThat(received.get(0).bodyText()).isEqualTo("{\"a\":1}");
            assertThat(received.get(0).receivedAt()).isNotNull();
        }
    }

    @Test
    void shouldFailThenRecoverOnRequest() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(503);
            assertThat(post(receiver.url("/h"), "1", Duration.ofSeconds(5)).statusCode()).isEqualTo(503);
            receiver.respondWith(429);
            HttpResponse<String> throttled = post(receiver.url("/h"), "2", Duration.ofSeconds(5));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("retry-after")).hasValue("1");
            receiver.respondWith(204);
            assertThat(post(receiver.url("/h"), "3", Duration.ofSeconds(5)).statusCode()).isEqualTo(204);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::bodyText).containsExactly("1", "2", "3");
        }
    }

    @Test
    void shouldHangWhenToldAndStillRecordTheRequest() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(200, Duration.ofSeconds(30));
            assertThatThrownBy(() -> post(receiver.url("/slow"), "x", Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
            assertThat(receiver.awaitReceived(1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void shouldFailAwaitingRequestsThatNeverCome() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            assertThatThrownBy(() -> receiver.awaitReceived(1, Duration.ofMillis(100))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("received 0");
        }
    }

    private static HttpResponse<String> post(String url, String body, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("webhook-id", "msg_1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
