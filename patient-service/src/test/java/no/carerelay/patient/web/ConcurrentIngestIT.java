package no.carerelay.patient.web;

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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.Topics;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

/**
 * More concurrent ingest requests than the service has database connections. The outbox relay once recorded its
 * state on the committing thread, which then needed a second connection while holding its first: with as many
 * requests in flight as connections, all of them waited out the pool's timeout. Here the pool has 3 connections
 * and a 20 s timeout; 24 requests at once must all be accepted within it (queueing for a connection is fine,
 * waiting it out is the deadlock).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.config.name=patient-service",
        "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.connection-timeout=20000"})
class ConcurrentIngestIT {

    private static final Random RANDOM = new Random();
    private static final int REQUESTS = 24;
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([0-9a-f-]{36})\"");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_concurrent").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.encryption-key", ConcurrentIngestIT::randomKey);
        registry.add("carerelay.patient.lookup-key", ConcurrentIngestIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
        registry.add("carerelay.patient.mllp.port", MllpClient::freePort);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAcceptMoreConcurrentNoticesThanThePoolHasConnections() {
        long began = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String key = UUID.randomUUID().toString();
            keys.add(key);
            String body = """
                    {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899"},"visitNumber":"C%s","declaredAt":"%s"}"""
                    .formatted(SyntheticNationalIds.fodselsnummer(RANDOM), key.substring(0, 12), Instant.now().minusSeconds(5));
            responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        List<HttpResponse<String>> answers = responses.stream().map(CompletableFuture::join).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(took).as("all %d accepted without waiting out the pool timeout", REQUESTS).isLessThan(Duration.ofSeconds(20));
        Set<String> eventIds = answers.stream().map(answer -> EVENT_ID.matcher(answer.body())).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(REQUESTS);
        KafkaTestClient kafka = TestInfrastructure.kafkaClient();
        Set<String> published = Set.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!published.containsAll(eventIds) && System.nanoTime() < deadline) {
            published = kafka.readAll(Topics.PATIENT_ENCOUNTERS, Duration.ofSeconds(1)).stream()
                    .map(record -> KafkaTestClient.headers(record).get("ce_id")).collect(Collectors.toSet());
        }
        assertThat(published).containsAll(eventIds);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
