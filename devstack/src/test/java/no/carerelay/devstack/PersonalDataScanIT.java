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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import no.carerelay.collaboration.CollaborationServiceApplication;
import no.carerelay.notification.NotificationServiceApplication;
import no.carerelay.patient.PatientServiceApplication;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.StandardWebhooks;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.WebhookReceiver;
import no.carerelay.trajectory.TrajectoryServiceApplication;

/**
 * Data minimisation, checked after the fact: canary patients (synthetic national ID numbers and an unusual
 * name) go through all three ingest channels and all four services, including requests that are refused. Then
 * every topic (dead-letter topics too), every log line the four services wrote, every metrics scrape, every
 * error body and every webhook is searched for the canaries. Only patient-service's encrypted column may hold them.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataScanIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CANARY_SURNAME = "Kanarifuglsen";
    private static final String CANARY_GIVEN = "Ingeborgina";

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    @Test
    void shouldFindNoNationalIdNumberOrNameOutsidePatientService(CapturedOutput output) throws Exception {
        Random random = new Random();
        String jsonCanary = SyntheticNationalIds.fodselsnummer(random);
        String hl7Canary = SyntheticNationalIds.fodselsnummer(random);
        String fhirCanary = SyntheticNationalIds.dNumber(LocalDate.of(1961, 4, 17), random);
        String refusedCanary = SyntheticNationalIds.fodselsnummer(random);
        String wrongCheckDigit = refusedCanary.substring(0, 10) + (char) ('0' + (refusedCanary.charAt(10) - '0' + 1) % 10);
        List<String> canaries = List.of(jsonCanary, hl7Canary, fhirCanary, refusedCanary, wrongCheckDigit, CANARY_SURNAME, CANARY_GIVEN);

        WebhookReceiver receiver = WebhookReceiver.start();
        try {
            int mllpPort = MllpClient.freePort();
            int patient = port(start(PatientServiceApplication.application(), "scan_patient", "--carerelay.patient.encryption-key=" + randomKey(),
                    "--carerelay.patient.lookup-key=" + randomKey(), "--carerelay.patient.accept-synthetic-ids=true",
                    "--carerelay.patient.mllp.port=" + mllpPort));
            int trajectory = port(start(TrajectoryServiceApplication.application(), "scan_trajectory"));
            int collaboration = port(start(CollaborationServiceApplication.application(), "scan_collaboration"));
            int notification = port(start(NotificationServiceApplication.application(), "scan_notification",
                    "--carerelay.notification.allow-insecure-urls=true"));
            String secret = StandardWebhooks.newSecret();
            for (String municipality : List.of("0301", "4601", "5001")) {
                answers.add(send(notification, "/api/v1/webhook-subscriptions", "application/json", """
                        {"municipality":"%s","url":"%s","eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"],"secret":"%s"}"""
                        .formatted(municipality, receiver.url("/hooks/" + municipality), secret)).body());
            }

            // accepted, one per channel
            answers.add(assertStatus(202, send(patient, "/api/v1/discharge-ready-notices", "application/json", notice(jsonCanary, "0301"))));
            try (MllpClient mllp = new MllpClient("127.0.0.1", mllpPort, Duration.ofSeconds(10))) {
                String visit = "S" + UUID.randomUUID().toString().substring(0, 8);
                answers.add(mllp.send(hl7("A01", "S1" + visit, hl7Canary, "4601", visit)));
                answers.add(mllp.send(hl7("A16", "S2" + visit, hl7Canary, "4601", visit)));
                // refused over MLLP: a bad check digit and an unknown municipality, with the name in PID-5
                answers.add(mllp.send(hl7("A16", "S3" + visit, wrongCheckDigit, "4601", "X" + visit)));
                answers.add(mllp.send(hl7("A16", "S4" + visit, refusedCanary, "0101", "Y" + visit)));
            }
            answers.add(assertStatus(201, send(patient, "/fhir/Encounter", "application/fhir+json", fhir(fhirCanary, "5001", true))));
            // refused over HTTP
            answers.add(assertRefused(send(patient, "/api/v1/discharge-ready-notices", "application/json", notice(wrongCheckDigit, "0301"))));
            answers.add(assertRefused(send(patient, "/api/v1/discharge-ready-notices", "application/json", notice(refusedCanary, "0101"))));
            answers.add(assertRefused(send(patient, "/api/v1/discharge-ready-notices", "application/json", "{\"nationalId\":\"" + refusedCanary
                    + "\",\"name\":\"" + CANARY_SURNAME + "\"")));
            answers.add(assertRefused(send(patient, "/fhir/Encounter", "application/fhir+json", fhir(wrongCheckDigit, "5001", false))));
            answers.add(assertRefused(send(patient, "/fhir/Encounter", "application/fhir+json", "{\"resourceType\":\"Encounter\",\"id\":\""
                    + refusedCanary + "\"")));
            answers.add(send(patient, "/api/v1/ingest-log", "application/json", null).body());

            assertThat(receiver.awaitReceived(3, Duration.ofSeconds(60))).hasSize(3);
            Thread.sleep(2000); // let the last deliveries' events and logs settle

            List<String> places = new ArrayList<>();
            for (int port : List.of(patient, trajectory, collaboration, notification)) {
                places.add("metrics of :" + port + "\n" + send(port, "/actuator/prometheus", "text/plain", null).body());
            }
            receiver.received().forEach(webhook -> places.add("webhook " + new String(webhook.body(), StandardCharsets.UTF_8) + webhook.headers()));
            answers.forEach(answer -> places.add("answer " + answer));
            places.add("log output\n" + output.getAll());
            for (String topic : allTopics()) {
                for (ConsumerRecord<String, byte[]> record : TestInfrastructure.kafkaClient().readAll(topic, Duration.ofSeconds(1))) {
                    StringBuilder text = new StringBuilder("topic " + topic + " key " + record.key() + " ");
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append(' ');
                    }
                    places.add(text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)).toString());
                }
            }

            assertThat(output.getAll()).as("the services logged something").contains("patient-service");
            for (String canary : canaries) {
                assertThat(places).as("no place holds %s", canary).noneMatch(place -> place.contains(canary));
            }
        } finally {
            services.forEach(ConfigurableApplicationContext::close);
            receiver.close();
        }
    }

    private static Set<String> allTopics() throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            return admin.listTopics().names().get();
        }
    }

    private static String notice(String nationalId, String municipality) {
        return """
                {"nationalId":"%s","municipality":"%s","hospital":{"organisationNumber":"983974899"},"visitNumber":"S%s","declaredAt":"%s"}"""
                .formatted(nationalId, municipality, UUID.randomUUID().toString().substring(0, 8), Instant.now().minusSeconds(5));
    }

    private static String hl7(String trigger, String controlId, String nationalId, String municipality, String visit) {
        return "MSH|^~\\&|DIPS|Testfold HF^983974899^NO-ORG|CARERELAY|CARERELAY|20261122101500+0100||ADT^" + trigger + "^ADT_" + trigger + "|"
                + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|20261122101500+0100\r"
                + "PID|||" + nationalId + "^^^FNR^NNNOR||" + CANARY_SURNAME + "^" + CANARY_GIVEN + "||19850315|F|||Storgata 1^^Oslo^^0150^NOR^H^^"
                + municipality + "\r"
                + "PV1||I|MED^101^1||||||||||||||||" + visit + "|||||||||||||||||||||||||20261120080000+0100\r";
    }

    private static String fhir(String nationalId, String municipality, boolean dischargeReady) {
        String extension = dischargeReady ? """
                "extension":[{"url":"https://carerelay.no/fhir/StructureDefinition/discharge-ready","valueDateTime":"%s"}],""".formatted(Instant.now())
                : "";
        return """
                {"resourceType":"Encounter","contained":[{"resourceType":"Patient","id":"patient","identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.%s","value":"%s"}],\
                "name":[{"family":"%s","given":["%s"]}],"address":[{"district":"%s"}]}],%s\
                "identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.2.999","value":"F%s"}],"status":"in-progress",\
                "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},"subject":{"reference":"#patient"},\
                "period":{"start":"%s"},"serviceProvider":{"identifier":{"system":"urn:oid:2.16.578.1.12.4.1.4.101","value":"983974899"}}}"""
                .formatted(nationalId.charAt(0) >= '4' && nationalId.charAt(0) <= '7' ? "2" : "1", nationalId, CANARY_SURNAME, CANARY_GIVEN,
                        municipality, extension, UUID.randomUUID().toString().substring(0, 8), Instant.now().minusSeconds(3600));
    }

    private static String assertStatus(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static String assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        return response.body();
    }

    private static HttpResponse<String> send(int port, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
        // the hospital sends, operators read the ingest log and manage subscriptions; probes and scrapes need no token
        if (!path.startsWith("/actuator")) {
            boolean hospital = path.startsWith("/api/v1/discharge-ready-notices") || path.startsWith("/fhir/");
            request.header("Authorization", TestInfrastructure.tokens().bearer(hospital ? "hospital-system" : "operator", null));
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, String database, String... extra) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.springProperties(database));
        properties.put("server.port", "0");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        services.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
