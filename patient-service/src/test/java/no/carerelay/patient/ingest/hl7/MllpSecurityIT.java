package no.carerelay.patient.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.patient.PatientServiceApplication;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;
import no.carerelay.testkit.TestInfrastructure;

/** MLLP with TLS and a list of the sending facilities that may send, as production runs it. */
@SpringBootTest(classes = PatientServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=patient-service")
class MllpSecurityIT {

    private static final int MLLP_PORT = MllpClient.freePort();
    private static final String PASSWORD = "mllp-test-" + new Random().nextInt(1_000_000);
    private static final Path KEY_STORE = selfSignedKeyStore();
    private static final Random RANDOM = new Random();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("patient_mllp_tls").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("carerelay.patient.mllp.port", () -> MLLP_PORT);
        registry.add("carerelay.patient.mllp.allowed-senders", () -> AdtMessages.HOSPITAL + ", 974589095");
        registry.add("carerelay.patient.mllp.tls.enabled", () -> "true");
        registry.add("carerelay.patient.mllp.tls.key-store", KEY_STORE::toString);
        registry.add("carerelay.patient.mllp.tls.key-store-password", () -> PASSWORD);
        registry.add("carerelay.patient.encryption-key", MllpSecurityIT::randomKey);
        registry.add("carerelay.patient.lookup-key", MllpSecurityIT::randomKey);
        registry.add("carerelay.patient.accept-synthetic-ids", () -> "true");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldAcknowledgeAConfiguredSenderOverTls() throws Exception {
        AdtMessages admit = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));

        try (MllpClient client = new MllpClient(tlsSocket(), Duration.ofSeconds(15))) {
            assertThat(client.send(admit.build())).contains("MSA|AA|" + admit.controlId);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM encounter WHERE visit_number = ?").param(admit.visit).query(Long.class).single()).isOne();
    }

    @Test
    void shouldRefuseASendingFacilityNobodyConfiguredAndStoreNothing() throws Exception {
        AdtMessages admit = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        String stranger = admit.build().replace("^" + AdtMessages.HOSPITAL + "^", "^912345678^");

        String ack;
        try (MllpClient client = new MllpClient(tlsSocket(), Duration.ofSeconds(15))) {
            ack = client.send(stranger);
        }

        assertThat(ack).contains("MSA|AR|" + admit.controlId).contains("ERR||MSH^^4|204^Unknown key identifier")
                .contains("912345678 is not configured to send").doesNotContain(admit.nationalId);
        assertThat(jdbc.sql("SELECT count(*) FROM encounter WHERE visit_number = ?").param(admit.visit).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT reason FROM ingest_rejection WHERE control_id = ?").param(admit.controlId).query(String.class).single())
                .startsWith("unknown-sending-facility: ");
    }

    @Test
    void shouldNotAnswerPlainMllpOnTheTlsPort() throws Exception {
        AdtMessages admit = new AdtMessages(SyntheticNationalIds.fodselsnummer(RANDOM));
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", MLLP_PORT), 5000);

        try (MllpClient client = new MllpClient(plain, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.send(admit.build())).isInstanceOf(UncheckedIOException.class);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM encounter WHERE visit_number = ?").param(admit.visit).query(Long.class).single()).isZero();
    }

    /** Trusts exactly the listener's self-signed certificate. */
    private static SSLSocket tlsSocket() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", MLLP_PORT), 5000);
        socket.startHandshake();
        return socket;
    }

    /** The JDK's keytool makes the listener's key pair; no certificate lives in the repository. */
    private static Path selfSignedKeyStore() {
        try {
            Path store = Files.createTempDirectory("mllp-tls").resolve("mllp.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "mllp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
