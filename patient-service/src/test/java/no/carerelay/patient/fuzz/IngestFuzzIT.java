package no.carerelay.patient.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.TestInfrastructure;

/**
 * Arbitrary bytes at each of patient-service's three doors, through the real listeners: never a 5xx over HTTP,
 * always an ACK over MLLP. The default build replays the seed corpus in
 * {@code src/test/resources/no/carerelay/patient/fuzz/IngestFuzzITInputs/<method>/}; to fuzz, e.g.
 * {@code JAZZER_FUZZ=1 ./mvnw -pl patient-service -am verify -Dit.test=IngestFuzzIT#fhirEncounter -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=patient-service")
class IngestFuzzIT {

    private static final int MLLP_PORT = MllpClient.freePort();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_fuzz").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.encryption-key", IngestFuzzIT::randomKey);
        registry.add("carerelay.patient.lookup-key", IngestFuzzIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
        registry.add("carerelay.patient.mllp.port", () -> MLLP_PORT);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @FuzzTest(maxDuration = "5m")
    void fhirEncounter(byte[] body) throws Exception {
        assertNoServerError(post("/fhir/Encounter", "application/fhir+json", body));
    }

    @FuzzTest(maxDuration = "5m")
    void dischargeReadyNotice(byte[] body) throws Exception {
        assertNoServerError(post("/api/v1/discharge-ready-notices", "application/json", body));
    }

    @FuzzTest(maxDuration = "5m")
    void hl7OverMllp(byte[] message) throws Exception {
        if (message.length == 0) {
            return; // an empty frame carries no message, so there is nothing to acknowledge (HAPI skips it, as MLLP engines do)
        }
        try (Socket socket = new Socket("127.0.0.1", MLLP_PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(0x0b);
            out.write(message);
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            String ack = readFrame(socket.getInputStream());
            // the ACK uses the sender's own field separator, whatever it was
            assertThat(ack).as("an ACK for %d bytes", message.length).matches("(?s)MSH.*\rMSA.(AA|AE|AR).*");
        }
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).header("Authorization", TestInfrastructure.tokens().bearer("hospital-system", null))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertNoServerError(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status for a fuzzed body; answer: %s", response.body()).isLessThan(500);
    }

    /** One MLLP frame (VT ... FS CR); bytes inside a frame before the VT are skipped. */
    private static String readFrame(InputStream in) throws IOException {
        StringBuilder frame = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != 0x1c) {
            if (b != 0x0b) {
                frame.append((char) b);
            }
        }
        return frame.toString();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
