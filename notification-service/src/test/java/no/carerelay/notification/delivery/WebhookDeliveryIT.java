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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        "spring.config.name=notification-service", "carerelay.notification.allow-insecure-urls=true",
        // the production guards, scaled down so a test sees them act within seconds
        "resilience4j.timelimiter.configs.default.timeout-duration=500ms",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=8",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=4s",
        "resilience4j.retry.configs.default.wait-duration=50ms",
        "carerelay.notification.open-circuit-recheck=PT0.5S"})
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

    /** The operator reads the delivery log and replays; municipalities' systems manage their own subscriptions. */
    private static final String OPERATOR = TestInfrastructure.tokens().token("drift-1", List.of("operator"), null);

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
            // down for longer than one attempt's quick in-memory retries (three tries), so the persisted schedule takes over
            receiver.awaitReceived(4, Duration.ofSeconds(20));
            receiver.respondWith(204);

            List<WebhookReceiver.Received> attempts = receiver.awaitReceived(5, Duration.ofSeconds(20));
            assertThat(attempts).extracting(r -> r.headers().get("webhook-id")).containsOnly(attempts.get(0).headers().get("webhook-id"));
            awaitDeliveryStatus(opened.id(), "DELIVERED");
            int attemptsLogged = jdbc.sql("SELECT count(*) FROM webhook_delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.event_id = ?")
                    .param(opened.id()).query(Integer.class).single();
            List<ConsumerRecord<String, byte[]>> log = kafka.awaitRecordsWithKey(Topics.NOTIFICATION_DELIVERIES, opened.subject(), attemptsLogged,
                    Duration.ofSeconds(20));
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
            HttpResponse<String> logEntry = get("/api/v1/deliveries?status=PARKED&municipality=" + municipality, OPERATOR);
            assertThat(logEntry.body()).contains("\"lastStatusCode\":400").doesNotContain("payload");
        }
    }

    @Test
    void shouldDeliverEveryEventOnceInPerPatientOrderToAReceiverThatWasDownForAWhile() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(503);
            subscribe(municipality, receiver.url("/hooks"));
            Map<String, List<String>> sentCasesByPatient = new LinkedHashMap<>();
            List<UUID> eventIds = new ArrayList<>();
            for (int patient = 0; patient < 3; patient++) {
                String pseudonym = newPseudonym();
                for (int event = 0; event < 4; event++) {
                    EventEnvelope<HandoverOpened> opened = handoverOpened(municipality, pseudonym);
                    send(opened);
                    sentCasesByPatient.computeIfAbsent(pseudonym, p -> new ArrayList<>()).add(opened.data().caseId().toString());
                    eventIds.add(opened.id());
                }
            }
            receiver.awaitReceived(6, Duration.ofSeconds(20));
            Thread.sleep(3000); // down for a while: retries, the circuit opens
            receiver.respondWith(204);

            for (UUID eventId : eventIds) {
                awaitDeliveryStatus(eventId, "DELIVERED", Duration.ofSeconds(60));
            }
            List<WebhookReceiver.Received> accepted = receiver.received().stream().filter(r -> r.status() == 204).toList();
            assertThat(accepted).extracting(r -> r.headers().get("webhook-id")).hasSize(eventIds.size()).doesNotHaveDuplicates();
            assertThat(casesByPatient(accepted)).isEqualTo(sentCasesByPatient);
            // before the receiver recovered, too, no event overtook an earlier one of the same patient
            assertThat(casesByPatient(receiver.received()).entrySet()).allSatisfy(lane ->
                    assertThat(withoutRepeats(lane.getValue())).isEqualTo(sentCasesByPatient.get(lane.getKey())));
        }
    }

    @Test
    void shouldTripTheCircuitForAHangingReceiverWithoutDelayingHealthyOnes() throws Exception {
        String hangingMunicipality = nextMunicipality();
        String healthyMunicipality = nextMunicipality();
        try (WebhookReceiver hanging = WebhookReceiver.start(); WebhookReceiver healthy = WebhookReceiver.start()) {
            hanging.respondWith(204, Duration.ofSeconds(60));
            UUID hangingSubscription = subscriptionId(subscribeResponse(hangingMunicipality, hanging.url("/hooks")));
            subscribe(healthyMunicipality, healthy.url("/hooks"));
            for (int i = 0; i < 6; i++) {
                send(handoverOpened(hangingMunicipality));
            }
            hanging.awaitReceived(3, Duration.ofSeconds(20));

            // while calls to the hanging receiver are held open, the healthy one is served at once
            for (int i = 0; i < 5; i++) {
                EventEnvelope<HandoverOpened> opened = handoverOpened(healthyMunicipality);
                long sent = System.nanoTime();
                send(opened);
                healthy.awaitReceived(i + 1, Duration.ofSeconds(10));
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("healthy delivery %d", i).isLessThan(Duration.ofMillis(1500));
            }

            awaitMetric("resilience4j_circuitbreaker_state", hangingSubscription, "state=\"open\"", "1.0");
            int callsWhenOpen = hanging.received().size();
            Thread.sleep(1500); // shorter than the open state: the hanging receiver is left alone
            assertThat(hanging.received()).hasSize(callsWhenOpen);
            String metrics = get("/actuator/prometheus", null).body();
            assertThat(metrics).containsPattern("resilience4j_retry_calls_total\\{[^}]*name=\"" + hangingSubscription + "\"")
                    .containsPattern("resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"" + hangingSubscription + "\"");
            assertThat(jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'PARKED'")
                    .param(hangingSubscription).query(Integer.class).single()).as("deliveries held back by an open circuit spend no attempts")
                    .isZero();
        }
    }

    @Test
    void shouldWaitAsLongAsRetryAfterSaysOnA429() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.retryAfter(Duration.ofSeconds(3));
            receiver.respondWith(429);
            subscribe(municipality, receiver.url("/hooks"));
            EventEnvelope<HandoverOpened> opened = handoverOpened(municipality);

            send(opened);
            receiver.awaitReceived(1, Duration.ofSeconds(20));
            receiver.respondWith(204);
            List<WebhookReceiver.Received> requests = receiver.awaitReceived(2, Duration.ofSeconds(20));

            // not retried in memory after 50 ms, nor after the ~1 s of the schedule: after the 3 s asked for
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())).isGreaterThan(Duration.ofMillis(2900));
            awaitDeliveryStatus(opened.id(), "DELIVERED");
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void shouldLetAnOperatorReplayAParkedDeliveryWithTheSameWebhookId() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respondWith(410);
            subscribe(municipality, receiver.url("/hooks"));
            EventEnvelope<HandoverOpened> opened = handoverOpened(municipality);
            send(opened);
            awaitDeliveryStatus(opened.id(), "PARKED");
            UUID deliveryId = jdbc.sql("SELECT id FROM webhook_delivery WHERE event_id = ?").param(opened.id()).query(UUID.class).single();
            assertThat(get("/api/v1/deliveries/" + deliveryId, OPERATOR).body()).contains("\"parkedReason\":\"HTTP 410\"", "\"latencyMs\"");

            receiver.respondWith(204);
            HttpResponse<String> replay = postEmpty("/api/v1/deliveries/" + deliveryId + "/replay", OPERATOR);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);

            List<WebhookReceiver.Received> requests = receiver.awaitReceived(2, Duration.ofSeconds(20));
            assertThat(requests).extracting(r -> r.headers().get("webhook-id")).containsOnly(deliveryId.toString());
            awaitDeliveryStatus(opened.id(), "DELIVERED");
            HttpResponse<String> again = postEmpty("/api/v1/deliveries/" + deliveryId + "/replay", OPERATOR);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(postEmpty("/api/v1/deliveries/" + UUID.randomUUID() + "/replay", OPERATOR).statusCode()).isEqualTo(404);
            List<String> log = kafka.awaitRecordsWithKey(Topics.NOTIFICATION_DELIVERIES, opened.subject(), 4, Duration.ofSeconds(20)).stream()
                    .map(r -> KafkaTestClient.headers(r).get("ce_type")).toList();
            assertThat(log).contains(EventTypes.DELIVERY_PARKED.name(), EventTypes.DELIVERY_REPLAYED.name(), EventTypes.DELIVERY_ATTEMPTED.name());
        }
    }

    @Test
    void shouldSignWithTheOldAndTheNewSecretWhileASecretIsRotated() throws Exception {
        String municipality = nextMunicipality();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            HttpResponse<String> created = subscribeResponse(municipality, receiver.url("/hooks"));
            String oldSecret = codec.readTree(created.body().getBytes(StandardCharsets.UTF_8)).get("secret").asString();
            HttpResponse<String> rotated = postEmpty("/api/v1/webhook-subscriptions/" + subscriptionId(created) + "/secret", municipalityToken(municipality));
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            String newSecret = codec.readTree(rotated.body().getBytes(StandardCharsets.UTF_8)).get("secret").asString();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

            send(handoverOpened(municipality));
            WebhookReceiver.Received webhook = receiver.awaitReceived(1, Duration.ofSeconds(20)).get(0);
            assertThat(StandardWebhooks.verify(newSecret, webhook.headers(), webhook.body(), Duration.ofMinutes(5))).isTrue();
            assertThat(StandardWebhooks.verify(oldSecret, webhook.headers(), webhook.body(), Duration.ofMinutes(5))).isTrue();
            assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), webhook.headers(), webhook.body(), Duration.ofMinutes(5))).isFalse();
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
                {"municipality":"Oslo","url":"ftp://x","eventTypes":["no.carerelay.Unheard.v1"],"secret":"plain"}""", OPERATOR);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"municipality\"", "\"url\"", "\"eventTypes\"", "\"secret\"");
        assertThat(post("{not json", OPERATOR).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/webhook-subscriptions/" + UUID.randomUUID(), OPERATOR).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/webhook-subscriptions/not-a-uuid", OPERATOR).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldShowTheSecretOnlyWhenTheSubscriptionIsCreated() throws Exception {
        String municipality = nextMunicipality();
        HttpResponse<String> created = post(subscriptionJson(municipality, "http://127.0.0.1:9/hooks"), municipalityToken(municipality));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"secret\":\"whsec_");
        String location = created.headers().firstValue("location").orElseThrow();
        assertThat(get(location, municipalityToken(municipality)).body()).doesNotContain("secret");
        assertThat(get("/api/v1/webhook-subscriptions?municipality=" + municipality, OPERATOR).body()).doesNotContain("secret");
    }

    private String subscribe(String municipality, String url) throws Exception {
        HttpResponse<String> response = subscribeResponse(municipality, url);
        return codec.readTree(response.body().getBytes(StandardCharsets.UTF_8)).get("secret").asString();
    }

    private HttpResponse<String> subscribeResponse(String municipality, String url) throws Exception {
        HttpResponse<String> response = post(subscriptionJson(municipality, url), municipalityToken(municipality));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private UUID subscriptionId(HttpResponse<String> created) {
        return UUID.fromString(codec.readTree(created.body().getBytes(StandardCharsets.UTF_8)).get("id").asString());
    }

    /** Case ids per patient, in the order the receiver got them. */
    private Map<String, List<String>> casesByPatient(List<WebhookReceiver.Received> requests) {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        for (WebhookReceiver.Received request : requests) {
            JsonNode data = codec.readTree(request.body()).get("data");
            cases.computeIfAbsent(data.get("patientPseudonym").asString(), p -> new ArrayList<>()).add(data.get("caseId").asString());
        }
        return cases;
    }

    private static List<String> withoutRepeats(List<String> values) {
        List<String> collapsed = new ArrayList<>();
        for (String value : values) {
            if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(value)) {
                collapsed.add(value);
            }
        }
        return collapsed;
    }

    private void awaitMetric(String meter, UUID name, String tag, String value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String lines = "";
        while (System.nanoTime() < deadline) {
            lines = get("/actuator/prometheus", null).body().lines()
                    .filter(line -> line.startsWith(meter + "{") && line.contains("name=\"" + name + "\"")).reduce("", (a, b) -> a + b + "\n");
            if (lines.lines().anyMatch(line -> line.contains(tag) && line.endsWith(" " + value))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(meter + " for " + name + " never had " + tag + " = " + value + "; last seen:\n" + lines);
    }

    private static String subscriptionJson(String municipality, String url) {
        return """
                {"municipality":"%s","url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""".formatted(municipality, url);
    }

    private void awaitDeliveryStatus(UUID eventId, String status) throws InterruptedException {
        awaitDeliveryStatus(eventId, status, Duration.ofSeconds(20));
    }

    private void awaitDeliveryStatus(UUID eventId, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
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

    /** A municipality's system subscribes for its own municipality, with that kommunenummer in its token. */
    private static String municipalityToken(String municipality) {
        return TestInfrastructure.tokens().token("municipality", municipality);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhook-subscriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> postEmpty(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    /** @param token null for none */
    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static synchronized String nextMunicipality() {
        return Integer.toString(municipalitySequence++);
    }

    private static EventEnvelope<HandoverOpened> handoverOpened(String municipality) {
        return handoverOpened(municipality, newPseudonym());
    }

    private static String newPseudonym() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    private static EventEnvelope<HandoverOpened> handoverOpened(String municipality, String pseudonym) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return EventEnvelope.of(EventTypes.HANDOVER_OPENED, "/carerelay/collaboration-service", pseudonym,
                new HandoverOpened(UUID.randomUUID(), UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY,
                        "Answer today", now.plus(8, ChronoUnit.HOURS), new OrganisationRef("983974899", null, null), now));
    }
}
