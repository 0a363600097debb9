package no.carerelay.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.Topics;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

/**
 * "Once we answer 202 the event survives a kill -9": patient-service runs as its own process (the exec jar the
 * build just made), takes notices from four concurrent senders, is killed with SIGKILL mid-stream and started
 * again. Every notice it acknowledged must then be on {@code patient.encounters.v1}; the outbox publishes
 * at-least-once, so a re-sent record (same ce_id) is allowed and counted, a missing one is not.
 */
class AcknowledgedNoticesSurviveKillIT {

    private static final Random RANDOM = new Random();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final EventCodec json = new EventCodec();
    private Process service;

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void shouldPublishEveryAcknowledgedNoticeAfterTheServiceIsKilledWithSigkill() throws Exception {
        Map<String, Object> infrastructure = TestInfrastructure.springProperties("patient_kill");
        Map<String, String> environment = Map.ofEntries(
                Map.entry("DATABASE_URL", (String) infrastructure.get("spring.datasource.url")),
                Map.entry("DATABASE_USERNAME", (String) infrastructure.get("spring.datasource.username")),
                Map.entry("DATABASE_PASSWORD", (String) infrastructure.get("spring.datasource.password")),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", (String) infrastructure.get("spring.kafka.bootstrap-servers")),
                Map.entry("PATIENT_ENCRYPTION_KEY", randomKey()),
                Map.entry("PATIENT_LOOKUP_KEY", randomKey()),
                Map.entry("PATIENT_ACCEPT_SYNTHETIC_IDS", "true"),
                Map.entry("CARERELAY_PATIENT_MLLP_PORT", Integer.toString(MllpClient.freePort())),
                Map.entry("CARERELAY_SECURITY_ISSUER", (String) infrastructure.get("carerelay.security.issuer")),
                Map.entry("CARERELAY_SECURITY_JWK_SET_URI", (String) infrastructure.get("carerelay.security.jwk-set-uri")),
                Map.entry("CARERELAY_SECURITY_AUDIENCE", (String) infrastructure.get("carerelay.security.audience")));
        int port = MllpClient.freePort();
        Path log = Files.createTempFile("patient-service-kill", ".log");

        service = start(environment, port, log);
        awaitReady(port, log);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            senders.submit(() -> {
                while (sending.get()) {
                    send(port, acknowledged, unanswered);
                }
            });
        }
        awaitAcknowledged(acknowledged, 150);
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no graceful Kafka close
        assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        sending.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int acknowledgedBeforeKill = acknowledged.size();

        service = start(environment, port, log);
        awaitReady(port, log);

        KafkaTestClient kafka = TestInfrastructure.kafkaClient();
        Map<String, Long> published = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            published = eventIds(kafka.readAll(Topics.PATIENT_ENCOUNTERS, Duration.ofSeconds(2)));
            if (published.keySet().containsAll(acknowledged)) {
                break;
            }
        }
        Set<String> lost = new java.util.HashSet<>(acknowledged);
        lost.removeAll(published.keySet());
        long resent = published.entrySet().stream().filter(e -> acknowledged.contains(e.getKey())).mapToLong(e -> e.getValue() - 1).sum();
        System.out.printf("kill -9 run: %d acknowledged before the kill, %d requests unanswered (connection reset), %d lost, %d re-sent%n",
                acknowledgedBeforeKill, unanswered.get(), lost.size(), resent);
        assertThat(acknowledgedBeforeKill).isGreaterThanOrEqualTo(150);
        assertThat(lost).as("acknowledged but never published").isEmpty();
    }

    private Process start(Map<String, String> environment, int port, Path log) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("patient-service-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no patient-service exec jar in target/: run the package phase first"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        return builder.start();
    }

    private void awaitReady(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("patient-service exited; its log:\n%s", tail(log)).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("patient-service not ready within " + READY_TIMEOUT + "; its log:\n" + tail(log));
    }

    private void send(int port, Set<String> acknowledged, AtomicInteger unanswered) {
        String body = """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"983974899"},
                 "visitNumber":"K%s","declaredAt":"%s"}"""
                .formatted(SyntheticNationalIds.fodselsnummer(RANDOM), UUID.randomUUID().toString().substring(0, 12), Instant.now().minusSeconds(5));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/discharge-ready-notices"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 202) {
                acknowledged.add(json.readTree(response.body()).get("eventId").asString());
            } else {
                throw new AssertionError("unexpected " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            unanswered.incrementAndGet(); // the kill cut the connection: not acknowledged, so nothing is promised
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitAcknowledged(Set<String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // kill at a moment that differs from run to run, while requests are in flight
        int target = count + RANDOM.nextInt(100);
        while (acknowledged.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static Map<String, Long> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> KafkaTestClient.headers(record).get("ce_id"))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
