package no.carerelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.StandardWebhooks;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.WebhookReceiver;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notification-service", "carerelay.notification.allow-insecure-urls=true"})
class WebhookDeliveryIT {

    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private static int municipalitySequence = 1000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("notification").forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventCodec codec = new EventCodec();

    @Test
    void shouldDeliverHandoverOpenedToTheMunicipalitysWebhookExactlyOnceAndSigned() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start(); WebhookReceiver neighbour = WebhookReceiver.start()) {
            String secret = subscribe(municipality, receiver.url("/hooks"));
            subscribe(nextMunicipality(), neighbour.url("/hooks"));
            EventEnvelope<HandoverOpened> opened = handoverOpened(municipality);

            send(opened);
            send(opened); // a redelivery must not produce a second webhook

            WebhookReceiver.Received webhook = receiver.awaitReceived(1, Duration.ofSeconds(20)).get(0);
            assertThat(StandardWebhooks.verify(secret, webhook.headers(), webhook.body(), Duration.ofMinutes(5))).isTrue();
            JsonNode payload = codec.readTree(webhook.body());
            assertThat(payload.get("type").asString()).isEqualTo(EventTypes.HANDOVER_OPENED.name());
            assertThat(payload.get("data").get("caseId").asString()).isEqualTo(opened.data().caseId().toString());
            awaitDeliveryStatus(opened.id(), "DELIVERED");
            Thread.sleep(1000);
            assertThat(receiver.received()).hasSize(1);
            assertThat(neighbour.received()).isEmpty();
        }
    }

    @Test
    void shouldRetryAReceiverThatIsDownWithTheSameWebhookIdUntilItRecovers() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(503);
            subscribe(municipality, receiver.url("/hooks"));
            EventEnvelope<HandoverOpened> opened = handoverOpened(municipality);

            send(opened);
            receiver.awaitReceived(1, Duration.ofSeconds(20));
            receiver.respondWith(204);

            List<WebhookReceiver.Received> attempts = receiver.awaitReceived(2, Duration.ofSeconds(20));
            assertThat(attempts).extracting(r -> r.headers().get("webhook-id")).containsOnly(attempts.get(0).headers().get("webhook-id"));
            awaitDeliveryStatus(opened.id(), "DELIVERED");
            List<ConsumerRecord<String, byte[]>> log = kafka.awaitRecords(Topics.NOTIFICATION_DELIVERIES, 2, Duration.ofSeconds(20)).stream()
                    .filter(r -> opened.subject().equals(r.key())).toList();
            assertThat(log).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .anySatisfy(json -> assertThat(json).contains("\"outcome\":\"RETRYING\"").contains("\"statusCode\":503"))
                    .anySatisfy(json -> assertThat(json).contains("\"outcome\":\"DELIVERED\""));
        }
    }

    @Test
    void shouldParkAPermanentClientErrorWithoutRetrying() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(400);
            subscribe(municipality, receiver.url("/hooks"));
            EventEnvelope<HandoverOpened> opened = handoverOpened(municipality);

            send(opened);

            awaitDeliveryStatus(opened.id(), "PARKED");
            Thread.sleep(2500); // longer than the first back-off: a retry would have come by now
            assertThat(receiver.received()).hasSize(1);
            HttpResponse<String> logEntry = get("/api/v1/deliveries?status=PARKED&municipality=" + municipality);
            assertThat(logEntry.body()).contains("\"lastStatusCode\":400").doesNotContain("payload");
        }
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndGoOnWithTheNext() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(municipality, receiver.url("/hooks"));
            EventEnvelope<HandoverOpened> broken = handoverOpened(municipality);
            String json = new String(codec.writeData(broken.data()), StandardCharsets.UTF_8).replace("\"DISCHARGE_READY\"", "\"WHATEVER\"");
            kafka.send(Topics.COLLABORATION_HANDOVERS, broken.subject(), broken.headers(), json.getBytes(StandardCharsets.UTF_8));
            EventEnvelope<HandoverOpened> next = handoverOpened(municipality);
            send(next);

            ConsumerRecord<String, byte[]> deadLetter = kafka.awaitRecords(Topics.deadLetter(Topics.COLLABORATION_HANDOVERS, "notification-service"),
                    1, Duration.ofSeconds(30)).stream().filter(r -> broken.subject().equals(r.key())).findFirst().orElseThrow();
            assertThat(KafkaTestClient.headers(deadLetter).get("x-exception-message")).contains("breaks its schema").contains("reason");
            assertThat(receiver.awaitReceived(1, Duration.ofSeconds(20)).get(0).body()).asString(StandardCharsets.UTF_8)
                    .contains(next.data().caseId().toString());
        }
    }

    @Test
    void shouldRefuseAnInvalidSubscriptionFieldByField() throws Exception {
        HttpResponse<String> response = post("""
                {"municipality":"Oslo","url":"ftp://x","eventTypes":["no.carerelay.Unheard.v1"],"secret":"plain"}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"municipality\"", "\"url\"", "\"eventTypes\"", "\"secret\"");
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/webhook-subscriptions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/webhook-subscriptions/not-a-uuid").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowTheSecretOnlyWhenTheSubscriptionIsCreated() throws Exception {
        String municipality = nextMunicipality();
        HttpResponse<String> created = post(subscriptionJson(municipality, "http://127.0.0.1:9/hooks"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"secret\":\"whsec_");
        String location = created.headers().firstValue("location").orElseThrow();
        assertThat(get(location).body()).doesNotContain("secret");
        assertThat(get("/api/v1/webhook-subscriptions?municipality=" + municipality).body()).doesNotContain("secret");
    }

    private String subscribe(String municipality, String url) throws Exception {
        HttpResponse<String> response = post(subscriptionJson(municipality, url));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return codec.readTree(response.body().getBytes(StandardCharsets.UTF_8)).get("secret").asString();
    }

    private static String subscriptionJson(String municipality, String url) {
        return """
                {"municipality":"%s","url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""".formatted(municipality, url);
    }

    private void awaitDeliveryStatus(UUID eventId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> statuses = jdbc.sql("SELECT status FROM webhook_delivery WHERE event_id = ?").param(eventId).query(String.class).list();
            if (statuses.contains(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("delivery of " + eventId + " never reached " + status);
    }

    private void send(EventEnvelope<HandoverOpened> event) {
        kafka.send(Topics.COLLABORATION_HANDOVERS, event.subject(), event.headers(), codec.writeData(event.data()));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhook-subscriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static synchronized String nextMunicipality() {
        return Integer.toString(municipalitySequence++);
    }

    private static EventEnvelope<HandoverOpened> handoverOpened(String municipality) {
        String pseudonym = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return EventEnvelope.of(EventTypes.HANDOVER_OPENED, "/carerelay/collaboration-service", pseudonym,
                new HandoverOpened(UUID.randomUUID(), UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY,
                        "Answer today", now.plus(8, ChronoUnit.HOURS), new OrganisationRef("983974899", null, null), now));
    }
}
