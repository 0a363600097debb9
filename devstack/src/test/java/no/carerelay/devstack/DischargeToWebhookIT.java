package no.carerelay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.carerelay.collaboration.CollaborationServiceApplication;
import no.carerelay.contracts.EventCodec;
import no.carerelay.notification.NotificationServiceApplication;
import no.carerelay.patient.PatientServiceApplication;
import no.carerelay.testkit.StandardWebhooks;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.WebhookReceiver;
import no.carerelay.trajectory.TrajectoryServiceApplication;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton, for real: all four services (each its own Spring context and database) over one real
 * Kafka broker and a real PostgreSQL. A discharge-ready notice posted to patient-service must reach the
 * municipality's webhook exactly once, signed, without the national ID number.
 */
class DischargeToWebhookIT {

    private static final List<ConfigurableApplicationContext> SERVICES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final EventCodec JSON = new EventCodec();

    private static WebhookReceiver oslo;
    private static WebhookReceiver bergen;
    private static String osloSecret;
    private static int patientPort;

    @BeforeAll
    static void startPlatform() throws Exception {
        oslo = WebhookReceiver.start();
        bergen = WebhookReceiver.start();
        patientPort = port(start(PatientServiceApplication.application(), "e2e_patient",
                "--carerelay.patient.encryption-key=" + randomKey(), "--carerelay.patient.lookup-key=" + randomKey(),
                "--carerelay.patient.accept-synthetic-ids=true", "--carerelay.patient.mllp.enabled=false"));
        start(TrajectoryServiceApplication.application(), "e2e_trajectory");
        start(CollaborationServiceApplication.application(), "e2e_collaboration");
        int notificationPort = port(start(NotificationServiceApplication.application(), "e2e_notification",
                "--carerelay.notification.allow-insecure-urls=true"));

        osloSecret = StandardWebhooks.newSecret();
        subscribe(notificationPort, "0301", oslo.url("/hooks/oslo"), osloSecret);
        subscribe(notificationPort, "4601", bergen.url("/hooks/bergen"), StandardWebhooks.newSecret());
    }

    @AfterAll
    static void stopPlatform() {
        SERVICES.forEach(ConfigurableApplicationContext::close);
        oslo.close();
        bergen.close();
    }

    @Test
    void shouldDeliverADischargeReadyNoticeToTheMunicipalitysWebhookExactlyOnceSignedAndPseudonymised() throws Exception {
        String nationalId = SyntheticNationalIds.fodselsnummer(new Random());
        String body = """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899","herId":"90234","name":"Testfold HF"},
                 "visitNumber":"E2E-%s","declaredAt":"%s","careNeeds":["HOME_NURSING"]}"""
                .formatted(nationalId, UUID.randomUUID().toString().substring(0, 8), Instant.now().minusSeconds(5));
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + patientPort + "/api/v1/discharge-ready-notices"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String pseudonym = JSON.readTree(accepted.body().getBytes(StandardCharsets.UTF_8)).get("patientPseudonym").asString();

        WebhookReceiver.Received webhook = oslo.awaitReceived(1, Duration.ofSeconds(60)).get(0);

        String payload = new String(webhook.body(), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain(nationalId);
        assertThat(StandardWebhooks.verify(osloSecret, webhook.headers(), webhook.body(), Duration.ofMinutes(5)))
                .as("signature of webhook %s", webhook.headers()).isTrue();
        JsonNode json = JSON.readTree(webhook.body());
        assertThat(json.get("type").asString()).isEqualTo("no.carerelay.collaboration.HandoverOpened.v1");
        assertThat(json.get("data").get("patientPseudonym").asString()).isEqualTo(pseudonym);
        assertThat(json.get("data").get("municipality").asString()).isEqualTo("0301");
        assertThat(json.get("data").get("reason").asString()).isEqualTo("DISCHARGE_READY");

        // exactly once: nothing further arrives for this patient, and the other municipality hears nothing
        Thread.sleep(3000);
        assertThat(oslo.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(pseudonym))).hasSize(1);
        assertThat(bergen.received()).isEmpty();
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder application, String database, String... extra) {
        // command-line arguments outrank the services' own yml, whose placeholders default to localhost
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.springProperties(database));
        properties.put("server.port", "0");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        SERVICES.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static void subscribe(int notificationPort, String municipality, String url, String secret) throws Exception {
        String body = """
                {"municipality":"%s","url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"],"secret":"%s"}"""
                .formatted(municipality, url, secret);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + notificationPort + "/api/v1/webhook-subscriptions"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestInfrastructure.tokens().bearer("municipality", municipality))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
