package no.carerelay.devstack.ops;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.carerelay.collaboration.CollaborationServiceApplication;
import no.carerelay.contracts.Topics;
import no.carerelay.notification.NotificationServiceApplication;
import no.carerelay.patient.PatientServiceApplication;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.StandardWebhooks;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.WebhookReceiver;
import no.carerelay.trajectory.TrajectoryServiceApplication;

/**
 * The platform as operators see it, with the four services' real code in one JVM against testkit's Kafka broker and
 * PostgreSQL. One end-to-end run (a discharge-ready notice over JSON with a W3C traceparent, one over HL7 v2 MLLP,
 * a handover escalated past its deadline and one accepted, a pathway with a treatment start) and then:
 * <ul>
 * <li>the hospital's trace id is on every Kafka record of that discharge, hop after hop through three services;</li>
 * <li>every metric that the alert rules and Grafana dashboards in deploy/ use is in the live scrapes.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {

    /** Series Prometheus makes itself for every target, not exported by a service. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final String HOSPITAL = "983974899";

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Map<String, String> scrapes = new TreeMap<>();
    private WebhookReceiver receiver;
    /** Stands in for an OpenTelemetry collector: every service exports its spans here over OTLP/HTTP. */
    private WebhookReceiver collector;
    private String traceId;
    private String tracedPseudonym;
    private int collaborationPort;

    @BeforeAll
    void runTheDischargesThroughAllFourServices() throws Exception {
        Random random = new Random();
        receiver = WebhookReceiver.start();
        collector = WebhookReceiver.start();
        int mllpPort = MllpClient.freePort();
        int patient = port(start(PatientServiceApplication.application(), "ops_patient", "--carerelay.patient.encryption-key=" + randomKey(),
                "--carerelay.patient.lookup-key=" + randomKey(), "--carerelay.patient.accept-synthetic-ids=true",
                "--carerelay.patient.mllp.port=" + mllpPort));
        int trajectory = port(start(TrajectoryServiceApplication.application(), "ops_trajectory",
                "--carerelay.trajectory.compliance.refresh-interval=PT1S"));
        int collaboration = port(start(CollaborationServiceApplication.application(), "ops_collaboration",
                "--carerelay.collaboration.escalation-scan-interval=PT1S", "--carerelay.eventbus.dead-letter-refresh=PT1S"));
        collaborationPort = collaboration;
        int notification = port(start(NotificationServiceApplication.application(), "ops_notification",
                "--carerelay.notification.allow-insecure-urls=true"));
        String secret = StandardWebhooks.newSecret();
        for (String municipality : List.of("0301", "4601")) {
            assertStatus(201, send(notification, "POST", "/api/v1/webhook-subscriptions", """
                    {"municipality":"%s","url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"],"secret":"%s"}"""
                    .formatted(municipality, receiver.url("/hooks/" + municipality), secret),
                    Map.of("Authorization", TestInfrastructure.tokens().bearer("municipality", municipality))));
        }

        // Oslo: declared discharge-ready two days ago, so its deadline (midnight after the declaration) has passed:
        // collaboration-service escalates it and counts the cost exposure. Sent with the hospital's trace context.
        traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        String accepted = assertStatus(202, send(patient, "POST", "/api/v1/discharge-ready-notices", """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"%s"},"visitNumber":"O%s","declaredAt":"%s"}"""
                .formatted(SyntheticNationalIds.fodselsnummer(random), HOSPITAL, UUID.randomUUID().toString().substring(0, 8),
                        Instant.now().minus(Duration.ofDays(2))), Map.of("traceparent", traceparent, "Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))));
        Matcher pseudonym = Pattern.compile("\"patientPseudonym\"\\s*:\\s*\"([^\"]+)\"").matcher(accepted);
        assertThat(pseudonym.find()).as(accepted).isTrue();
        tracedPseudonym = pseudonym.group(1);

        // refused (a wrong check digit): the refusal counter
        String valid = SyntheticNationalIds.fodselsnummer(random);
        String wrongCheckDigit = valid.substring(0, 10) + (char) ('0' + (valid.charAt(10) - '0' + 1) % 10);
        assertThat(send(patient, "POST", "/api/v1/discharge-ready-notices", """
                {"nationalId":"%s","municipality":"0301","hospital":{"organisationNumber":"%s"},"visitNumber":"R1","declaredAt":"%s"}"""
                .formatted(wrongCheckDigit, HOSPITAL, Instant.now()), Map.of("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))).statusCode()).isBetween(400, 499);

        // Bergen: over HL7 v2 (the MLLP timer), declared now, answered in time by the municipality
        try (MllpClient mllp = new MllpClient("127.0.0.1", mllpPort, Duration.ofSeconds(10))) {
            String visit = "B" + UUID.randomUUID().toString().substring(0, 8);
            String nationalId = SyntheticNationalIds.fodselsnummer(random);
            assertThat(mllp.send(hl7("A01", "O1" + visit, nationalId, visit))).contains("MSA|AA");
            assertThat(mllp.send(hl7("A16", "O2" + visit, nationalId, visit))).contains("MSA|AA");
        }
        assertThat(receiver.awaitReceived(2, Duration.ofSeconds(90))).hasSizeGreaterThanOrEqualTo(2);
        Map<String, String> bergen = Map.of("Authorization", TestInfrastructure.tokens().bearer("municipality", "4601"));
        String inbox = assertStatus(200, send(collaboration, "GET", "/api/v1/handover-cases?status=REQUESTED,RECEIVED", null, bergen));
        Matcher caseId = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(inbox);
        assertThat(caseId.find()).as(inbox).isTrue();
        assertStatus(200, send(collaboration, "POST", "/api/v1/handover-cases/" + caseId.group(1) + "/accept", "{}", bergen));

        // a colorectal pathway with surgery started: the lead-time compliance gauges
        String pathwayPatient = "p" + HexFormat.of().formatHex(randomBytes(10));
        LocalDate today = LocalDate.now(OSLO);
        String[][] events = {{"A12A", "20"}, {"A12S", "15"}, {"A12CK", "10"}, {"A12FK", "1"}};
        for (String[] event : events) {
            assertStatus(201, send(trajectory, "POST", "/api/v1/patients/" + pathwayPatient + "/pathway-events", """
                    {"code":"%s","eventDate":"%s","municipality":"0301","hospital":{"organisationNumber":"%s"}%s}"""
                    .formatted(event[0], today.minusDays(Long.parseLong(event[1])), HOSPITAL,
                            event[0].equals("A12CK") ? ",\"plannedTreatment\":\"SURGERY\"" : ""), Map.of("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))));
        }

        awaitScrape(collaboration, "carerelay_handover_cost_exposure_NOK{");
        awaitScrape(collaboration, "carerelay_handover_escalated_total{");
        awaitScrape(trajectory, "carerelay_trajectory_leadtime_compliance_ratio{");
        Thread.sleep(2000); // let the binders' lag gauges and the webhook meters settle
        scrapes.put("patient-service", send(patient, "GET", "/actuator/prometheus", null, Map.of()).body());
        scrapes.put("trajectory-service", send(trajectory, "GET", "/actuator/prometheus", null, Map.of()).body());
        scrapes.put("collaboration-service", send(collaboration, "GET", "/actuator/prometheus", null, Map.of()).body());
        scrapes.put("notification-service", send(notification, "GET", "/actuator/prometheus", null, Map.of()).body());
    }

    @AfterAll
    void stop() {
        services.forEach(ConfigurableApplicationContext::close);
        if (receiver != null) {
            receiver.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void shouldCarryTheHospitalsTraceIdFromProducerToConsumerOnEveryKafkaHop() {
        KafkaTestClient kafka = TestInfrastructure.kafkaClient();
        // patient-service (HTTP in, produce) -> trajectory-service (consume, produce) -> collaboration-service
        // (consume, produce) -> notification-service (consume). Only the causal chain: HandoverEscalated comes from
        // collaboration-service's deadline scan, a scheduled job with a trace of its own.
        Map<String, String> chain = Map.of(
                Topics.PATIENT_ENCOUNTERS, "no.carerelay.patient.DischargeReadyDeclared.v1",
                Topics.TRAJECTORY_EVENTS, "no.carerelay.trajectory.HandoverRequired.v1",
                Topics.COLLABORATION_HANDOVERS, "no.carerelay.collaboration.HandoverOpened.v1");
        chain.forEach((topic, type) -> {
            List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecordsWithKey(topic, tracedPseudonym, 1, Duration.ofSeconds(30)).stream()
                    .filter(record -> type.equals(KafkaTestClient.headers(record).get("ce_type"))).toList();
            assertThat(records).as("%s of the traced discharge on %s", type, topic).hasSize(1);
            String header = KafkaTestClient.headers(records.get(0)).get("traceparent");
            assertThat(header).as("traceparent of %s", type).isNotNull().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(header.split("-")[1]).as("trace id of %s", type).isEqualTo(traceId);
        });
    }

    @Test
    void shouldExportSpansOfAllFourServicesInTheHospitalsTraceOverOtlp() throws Exception {
        // OTLP/HTTP bodies are protobuf: the trace id is there as its 16 raw bytes, the service as its name
        byte[] id = HexFormat.of().parseHex(traceId);
        Set<String> missing = new TreeSet<>(List.of("patient-service", "trajectory-service", "collaboration-service", "notification-service"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            for (WebhookReceiver.Received export : collector.received()) {
                if (export.path().equals("/v1/traces") && indexOf(export.body(), id) >= 0) {
                    missing.removeIf(service -> indexOf(export.body(), service.getBytes(StandardCharsets.UTF_8)) >= 0);
                }
            }
            Thread.sleep(200);
        }
        assertThat(missing).as("services with no span in trace %s among %d OTLP exports", traceId, collector.received().size()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void shouldExportEveryMetricTheAlertRulesAndDashboardsUse() throws Exception {
        Set<String> exported = new TreeSet<>(MADE_BY_PROMETHEUS);
        scrapes.values().forEach(scrape -> exported.addAll(sampleNames(scrape)));
        Set<String> recorded = DeployFiles.recordingRuleNames();
        Map<String, Set<String>> usedBy = DeployFiles.metricsUsedByRulesAndDashboards();
        assertThat(usedBy).as("rules and dashboards found").isNotEmpty();

        Map<String, Set<String>> missing = new TreeMap<>();
        usedBy.forEach((metric, users) -> {
            if (!exported.contains(metric) && !recorded.contains(metric)) {
                missing.put(metric, users);
            }
        });
        assertThat(missing).as("metrics used in deploy/observability but in no service's scrape (used by)").isEmpty();
    }

    @Test
    void shouldCountARecordThatReachesItsDeadLetterTopic() throws Exception {
        String gauge = "carerelay_deadletter_records{application=\"collaboration-service\",topic=\"trajectory.events.v1.collaboration-service.dlq\"} ";
        // other ITs in this JVM share the broker: count from what is there now
        awaitScrape(collaborationPort, gauge);
        double before = value(send(collaborationPort, "GET", "/actuator/prometheus", null, Map.of()).body(), gauge);
        // not a CloudEvent: unreadable, so no retries, straight to trajectory.events.v1.collaboration-service.dlq
        TestInfrastructure.kafkaClient().send(Topics.TRAJECTORY_EVENTS, "poison-" + UUID.randomUUID(), Map.of(),
                "not an event".getBytes(StandardCharsets.UTF_8));
        awaitScrape(collaborationPort, gauge + (before + 1));
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series)).mapToDouble(line -> Double.parseDouble(line.substring(series.length())))
                .findFirst().orElseThrow();
    }

    @Test
    void shouldLabelCareMetricsWithoutPseudonymsAndWithBoundedValues() {
        for (var scrape : scrapes.entrySet()) {
            assertThat(scrape.getValue()).as("scrape of %s", scrape.getKey()).doesNotContain(tracedPseudonym);
        }
        // municipality labels are kommunenummer: four digits, never anything else
        Matcher municipality = Pattern.compile("municipality=\"([^\"]*)\"").matcher(String.join("\n", scrapes.values()));
        while (municipality.find()) {
            assertThat(municipality.group(1)).matches("\\d{4}");
        }
    }

    /** Metric names of the samples in a Prometheus text exposition. */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static void awaitScrape(int port, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send(port, "GET", "/actuator/prometheus", null, Map.of()).body();
            if (body.contains(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + expected + " in the scrape of :" + port + " after 60 s");
    }

    private static String hl7(String trigger, String controlId, String nationalId, String visit) {
        return "MSH|^~\\&|DIPS|Testfold HF^" + HOSPITAL + "^NO-ORG|CARERELAY|CARERELAY|20261122101500+0100||ADT^" + trigger + "^ADT_"
                + trigger + "|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|" + Hl7Now.now() + "\r"
                + "PID|||" + nationalId + "^^^FNR^NNNOR||Testesen^Kari||19850315|F|||Storgata 1^^Bergen^^5003^NOR^H^^4601\r"
                + "PV1||I|MED^101^1||||||||||||||||" + visit + "|||||||||||||||||||||||||20261120080000+0100\r";
    }

    /** HL7 v2 timestamps of now, so the notice is declared now (due tonight) and answered in time. */
    private static final class Hl7Now {
        static String now() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").format(java.time.ZonedDateTime.now(OSLO));
        }
    }

    private static String assertStatus(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static HttpResponse<String> send(int port, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, String database, String... extra) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.springProperties(database));
        properties.put("server.port", "0");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        // the OTLP exporter is off unless an endpoint is configured: here it is, with a short batch delay
        args.add("--management.opentelemetry.tracing.export.otlp.endpoint=" + collector.url("/v1/traces"));
        args.add("--management.opentelemetry.tracing.export.schedule-delay=PT0.5S");
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        services.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String randomKey() {
        return java.util.Base64.getEncoder().encodeToString(randomBytes(32));
    }
}
