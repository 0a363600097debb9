package no.carerelay.notification.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import no.carerelay.contracts.EventCodec;
import no.carerelay.notification.config.NotificationProperties;
import no.carerelay.notification.delivery.ChannelFailure;
import no.carerelay.notification.delivery.ContactChannel;

/**
 * SMS through an HTTP gateway: {@code POST <sms-gateway-url>} with {@code {"to","message","reference"}} and, when set,
 * {@code Authorization: Bearer <sms-gateway-token>}. 2xx is sent; a 4xx other than 408/429 will recur (parked at once);
 * anything else is tried again.
 */
@Component
class SmsChannel implements ContactChannel {

    private final URI gateway;
    private final String token;
    private final EventCodec json = new EventCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    SmsChannel(NotificationProperties properties) {
        this.gateway = properties.smsGatewayUrl();
        this.token = properties.smsGatewayToken();
    }

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public CompletionStage<Void> send(String reference, String address, String subject, String body) {
        if (gateway == null) {
            return CompletableFuture.failedFuture(new ChannelFailure("SMS is not configured (carerelay.notification.sms-gateway-url)", false));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeData(Map.of("to", address, "message", body, "reference", reference))));
        if (token != null && !token.isBlank()) {
            request.header("authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            int status = response.statusCode();
            if (status / 100 == 2) {
                return null;
            }
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            throw new ChannelFailure("SMS gateway HTTP " + status, permanent);
        });
    }
}
