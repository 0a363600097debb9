package no.carerelay.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;

/** E-mail through a real SMTP server (GreenMail) and SMS through a real HTTP gateway stand-in (WireMock), both in this JVM. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notification-service", "carerelay.notification.allow-insecure-urls=true",
        "carerelay.notification.link-base-url=https://carerelay.test/app",
        "resilience4j.retry.configs.default.wait-duration=50ms"})
class ContactDeliveryIT {

    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final WireMockServer gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static int municipalitySequence = 3000;

    static {
        smtp.start();
        gateway.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("notification_contacts").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("carerelay.notification.sms-gateway-url", () -> gateway.baseUrl() + "/sms");
        registry.add("carerelay.notification.sms-gateway-token", () -> "test-token");
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        gateway.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static final String OPERATOR = TestInfrastructure.tokens().token("drift-1", List.of("operator"), null);

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventCodec codec = new EventCodec();

    @Test
    void shouldEmailAndTextTheCoordinatorsOnceWithAReferenceAndALinkButNoNameOrNationalId() throws Exception {
        String municipality = nextMunicipality();
        String hospital = "98397489" + municipality.charAt(3);
        String phone = "+4791" + municipality + "00";
        gateway.stubFor(post(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(phone))).willReturn(aResponse().withStatus(202)));
        String email = "kreftkoordinator-" + municipality + "@kommune.test";
        assertThat(createPreference("""
                {"role":"MUNICIPAL_CANCER_COORDINATOR","municipality":"%s","channel":"EMAIL","address":"%s",
                 "eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""".formatted(municipality, email)).statusCode()).isEqualTo(201);
        assertThat(createPreference("""
                {"role":"PATHWAY_COORDINATOR","organisationNumber":"%s","channel":"SMS","address":"%s",
                 "eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""".formatted(hospital, phone)).statusCode()).isEqualTo(201);
        EventEnvelope<HandoverOpened> opened = handoverOpened(municipality, hospital);

        send(opened);
        send(opened); // a redelivery sends nothing twice

        awaitStatus(opened.id(), "DELIVERED", 2);
        Thread.sleep(1000);
        List<MimeMessage> mails = List.of(smtp.getReceivedMessages()).stream().filter(m -> recipient(m).equals(email)).toList();
        assertThat(mails).hasSize(1);
        String mailBody = GreenMailUtil.getBody(mails.get(0));
        assertThat(mails.get(0).getSubject()).contains(opened.subject());
        assertThat(mailBody).contains(opened.subject(), "https://carerelay.test/app/handover-cases/" + opened.data().caseId());
        // the pseudonym and the case id are random hex and now and then hold eleven digits in a row; nothing else may
        assertThat(mailBody.replace(opened.subject(), "").replace(opened.data().caseId().toString(), "")).doesNotContainPattern("[0-9]{11}");
        gateway.verify(1, postRequestedFor(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
                .withRequestBody(containing(opened.subject())).withHeader("Authorization", equalTo("Bearer test-token")));
        List<String> log = kafka.awaitRecordsWithKey(Topics.NOTIFICATION_DELIVERIES, opened.subject(), 2, Duration.ofSeconds(20)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(log).anySatisfy(json -> assertThat(json).contains("\"channel\":\"EMAIL\"", "\"outcome\":\"DELIVERED\""))
                .anySatisfy(json -> assertThat(json).contains("\"channel\":\"SMS\"", "\"outcome\":\"DELIVERED\""))
                .allSatisfy(json -> assertThat(json).doesNotContain(email, phone));
    }

    @Test
    void shouldRetryTheSmsGatewayUntilItAnswersAndParkARefusalThatWillRecur() throws Exception {
        String municipality = nextMunicipality();
        String flaky = "+4792" + municipality + "00";
        String refused = "+4793" + municipality + "00";
        String scenario = "gateway-" + municipality;
        gateway.stubFor(post(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(flaky))).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        gateway.stubFor(post(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(flaky))).inScenario(scenario)
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        gateway.stubFor(post(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(refused)))
                .willReturn(aResponse().withStatus(400)));
        for (String phone : List.of(flaky, refused)) {
            assertThat(createPreference("""
                    {"role":"MUNICIPAL_CANCER_COORDINATOR","municipality":"%s","channel":"SMS","address":"%s",
                     "eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""".formatted(municipality, phone)).statusCode()).isEqualTo(201);
        }
        EventEnvelope<HandoverOpened> opened = handoverOpened(municipality, "983974899");

        send(opened);

        awaitStatus(opened.id(), "DELIVERED", 1);
        awaitStatus(opened.id(), "PARKED", 1);
        gateway.verify(2, postRequestedFor(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(flaky))));
        gateway.verify(1, postRequestedFor(urlEqualTo("/sms")).withRequestBody(matchingJsonPath("$.to", equalTo(refused))));
        HttpResponse<String> parked = get("/api/v1/contact-deliveries?status=PARKED");
        assertThat(parked.body()).contains("SMS gateway HTTP 400").doesNotContain(refused);
    }

    @Test
    void shouldRefuseAContactPreferenceFieldByField() throws Exception {
        HttpResponse<String> response = createPreference("""
                {"role":"GP","channel":"PIGEON","address":"Kari Nordmann","eventTypes":[]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"role\"", "\"channel\"", "\"eventTypes\"").doesNotContain("Kari");
        assertThat(createPreference("""
                {"role":"MUNICIPAL_CANCER_COORDINATOR","municipality":"0301","channel":"SMS","address":"91234567",
                 "eventTypes":["no.carerelay.collaboration.HandoverOpened.v1"]}""").body()).contains("\"address\"");
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStatus(UUID eventId, String status, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int found = jdbc.sql("SELECT count(*) FROM contact_delivery WHERE event_id = ? AND status = ?").params(eventId, status)
                    .query(Integer.class).single();
            if (found >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " message(s) for " + eventId + " never reached " + status + ": "
                + jdbc.sql("SELECT channel || ' ' || status || ' ' || coalesce(last_error, '') FROM contact_delivery WHERE event_id = ?")
                        .param(eventId).query(String.class).list());
    }

    /** Contact preferences hold addresses and phone numbers: operators set them up and read the log. */
    private HttpResponse<String> createPreference(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/contact-preferences"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + OPERATOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(EventEnvelope<HandoverOpened> event) {
        kafka.send(Topics.COLLABORATION_HANDOVERS, event.subject(), event.headers(), codec.writeData(event.data()));
    }

    private static synchronized String nextMunicipality() {
        return Integer.toString(municipalitySequence++);
    }

    private static EventEnvelope<HandoverOpened> handoverOpened(String municipality, String hospital) {
        String pseudonym = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return EventEnvelope.of(EventTypes.HANDOVER_OPENED, "/carerelay/collaboration-service", pseudonym,
                new HandoverOpened(UUID.randomUUID(), UUID.randomUUID(), pseudonym, municipality, HandoverReason.DISCHARGE_READY,
                        "Answer today", now.plus(8, ChronoUnit.HOURS), new OrganisationRef(hospital, null, null), now));
    }
}
