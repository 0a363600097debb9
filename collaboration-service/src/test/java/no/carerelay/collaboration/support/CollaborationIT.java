package no.carerelay.collaboration.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.TokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for every collaboration-service IT (a second context would join the same consumer groups and
 * take partitions away from the first): real Kafka, real PostgreSQL, a clock the tests move, scans every second,
 * and the testkit's token issuer: every API call carries a bearer token for the role it is made in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=collaboration-service", "carerelay.collaboration.escalation-scan-interval=PT1S",
                "carerelay.collaboration.needs.esas-thresholds.PAIN=5"})
@Import(CollaborationIT.TestClockConfiguration.class)
public abstract class CollaborationIT {

    protected static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    /** The issuer whose tokens the service trusts (TestInfrastructure.springProperties points it there). */
    protected static final TokenIssuer tokens = TestInfrastructure.tokens();
    protected static final OrganisationRef HOSPITAL = new OrganisationRef("983974899", "90234", "Testfold HF");
    private static final AtomicInteger MUNICIPALITIES = new AtomicInteger(1000 + new java.util.Random().nextInt(7000));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("collaboration").forEach((name, value) -> registry.add(name, () -> value));
    }

    @TestConfiguration
    static class TestClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    protected final EventCodec codec = new EventCodec();
    protected final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A kommunenummer no other test uses, so per-municipality figures are this test's alone. */
    protected static String newMunicipality() {
        return String.format("%04d", MUNICIPALITIES.getAndIncrement() % 10000);
    }

    protected static String newPseudonym() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    protected <T> EventEnvelope<T> send(EventType<T> type, String source, String pseudonym, T data) {
        EventEnvelope<T> event = EventEnvelope.of(type, source, pseudonym, data);
        send(event);
        return event;
    }

    protected void send(EventEnvelope<?> event) {
        kafka.send(event.type().topic(), event.subject(), event.headers(), codec.writeData(event.data()));
    }

    protected EventEnvelope<DischargeReadyDeclared> declareDischargeReady(String pseudonym, String municipality, UUID encounterId) {
        return send(EventTypes.DISCHARGE_READY_DECLARED, "/carerelay/patient-service", pseudonym,
                new DischargeReadyDeclared(pseudonym, encounterId, municipality, HOSPITAL, clock.instant(), null, List.of("HOME_NURSING")));
    }

    protected static EventEnvelope<HandoverRequired> handoverRequired(String pseudonym, String municipality, Instant dueAt, UUID causationId) {
        return EventEnvelope.of(EventTypes.HANDOVER_REQUIRED, "/carerelay/trajectory-service", pseudonym,
                new HandoverRequired(UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY, "Answer today",
                        dueAt.truncatedTo(ChronoUnit.MILLIS), HOSPITAL, causationId));
    }

    /** The data of the events of this type on their topic for this patient, once {@code count} arrived. */
    protected <T> List<T> await(EventType<T> type, String pseudonym, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<T> found = List.of();
        while (System.nanoTime() < deadline) {
            found = ofType(type, kafka.awaitRecordsWithKey(type.topic(), pseudonym, 1, Duration.ofSeconds(30)));
            if (found.size() >= count) {
                return found;
            }
            sleep(200);
        }
        throw new AssertionError("expected " + count + " " + type.name() + " for " + pseudonym + ", saw " + found.size());
    }

    /** Every event of this type on the topic for this patient, after the topic has been quiet for a while. */
    protected <T> List<T> all(EventType<T> type, String pseudonym) {
        return ofType(type, kafka.readAll(type.topic(), Duration.ofSeconds(1)).stream()
                .filter(record -> pseudonym.equals(record.key())).toList());
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> ofType(EventType<T> type, List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .filter(record -> type.name().equals(KafkaTestClient.headers(record).get("ce_type")))
                .map(record -> (T) codec.read(KafkaTestClient.headers(record), record.value()).data())
                .toList();
    }

    /** A token for a municipality's system (role municipality) acting for this kommunenummer. */
    protected static String asMunicipality(String user, String kommunenummer) {
        return tokens.token(user, List.of("municipality"), kommunenummer);
    }

    /** A token for a municipal cancer coordinator (role municipal-coordinator) acting for this kommunenummer. */
    protected static String asMunicipalCoordinator(String user, String kommunenummer) {
        return tokens.token(user, List.of("municipal-coordinator"), kommunenummer);
    }

    /** A token for a hospital's pathway coordinator (role pathway-coordinator, no municipality). */
    protected static String asPathwayCoordinator(String user) {
        return tokens.token(user, List.of("pathway-coordinator"), null);
    }

    protected static String asAuditor(String user) {
        return tokens.token(user, List.of("auditor"), null);
    }

    /** A GET with this bearer token; null sends none. */
    protected HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** A POST with this bearer token (null: none) and JSON body (null: none). */
    protected HttpResponse<String> post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    protected HttpResponse<String> put(String path, String token, String body) {
        return call("PUT", path, token, body);
    }

    protected HttpResponse<String> delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    /** One request with a bearer token (or none), a JSON body (or none) and any further headers, as name-value pairs. */
    protected HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return call(request);
    }

    protected JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
