package no.carerelay.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import no.carerelay.contracts.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * A hospital declaring a patient discharge-ready every few seconds, through patient-service's JSON channel, for
 * the demo municipalities in turn, with the demo hospital's token. Prints the pseudonym patient-service answers with, never the national ID number.
 */
final class DemoHospitalFeed implements AutoCloseable {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final HttpClient http;
    private final URI notices;
    private final List<String> municipalities;
    private final TokenIssuerProcess tokens;
    private final EventCodec json = new EventCodec();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-hospital-feed");
        thread.setDaemon(true);
        return thread;
    });
    /** Visit numbers stay unique across runs (the encounter table keeps them): seconds since the epoch at start, then +1. */
    private final AtomicLong visit = new AtomicLong(Instant.now().getEpochSecond() * 1000);
    private final AtomicLong sent = new AtomicLong();

    DemoHospitalFeed(HttpClient http, String patientServiceUrl, List<String> municipalities, TokenIssuerProcess tokens) {
        this.http = http;
        this.tokens = tokens;
        this.notices = URI.create(patientServiceUrl + "/api/v1/discharge-ready-notices");
        this.municipalities = List.copyOf(municipalities);
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::sendOne, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    long sent() {
        return sent.get();
    }

    private void sendOne() {
        String municipality = municipalities.get((int) (sent.get() % municipalities.size()));
        String visitNumber = "V" + visit.incrementAndGet();
        String body = """
                {"nationalId":"%s","municipality":"%s","hospital":{"organisationNumber":"983974899","herId":"90234","name":"Demo sykehus HF"},\
                "visitNumber":"%s","declaredAt":"%s","expectedDischargeDate":"%s","careNeeds":["HOME_NURSING"]}"""
                .formatted(SyntheticNationalIds.next(random), municipality, visitNumber, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        LocalDate.now(OSLO).plusDays(1));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(notices)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Authorization", tokens.bearer("hospital"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            sent.incrementAndGet();
            if (response.statusCode() == 202) {
                Console.line("hospital feed", "discharge-ready %s municipality=%s -> 202 pseudonym=%s", visitNumber, municipality,
                        field(response.body(), "patientPseudonym"));
            } else {
                // problem+json names the bad fields and never echoes values, so it is safe to print
                Console.line("hospital feed", "discharge-ready %s municipality=%s -> %d %s", visitNumber, municipality,
                        response.statusCode(), abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            Console.line("hospital feed", "discharge-ready %s: patient-service did not answer (%s)", visitNumber, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Console.line("hospital feed", "discharge-ready %s: %s", visitNumber, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private String field(byte[] body, String name) {
        try {
            JsonNode value = json.readTree(body).path(name);
            return value.isValueNode() ? value.asString() : "-";
        } catch (RuntimeException e) {
            return "-";
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
