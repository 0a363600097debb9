package no.carerelay.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hospitals in a fault run: each patient is declared discharge-ready once, over JSON or HL7 v2 (A01 then A16
 * over MLLP), and the outcome of that declaration is recorded as {@code ok} (202 / AA), {@code fail} (refused: 4xx /
 * AE / AR) or {@code info} (no answer: timeout, connection refused or reset, 5xx), Jepsen style.
 */
final class FaultLoad {

    enum Outcome { OK, INFO, FAIL }

    record Request(String visit, String channel, Outcome outcome) {
    }

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneId.of("Europe/Oslo"));
    private static final String HOSPITAL = "983974899";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final String patientUrl;
    private final int mllpPort;
    private final List<String> municipalities;
    private final TokenIssuerProcess tokens;
    private final String runId = "F" + Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> nationalIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Request> requests = new ConcurrentHashMap<>();
    private final SplittableRandom seeds = new SplittableRandom();

    FaultLoad(String patientUrl, int mllpPort, List<String> municipalities, TokenIssuerProcess tokens) {
        this.tokens = tokens;
        this.patientUrl = patientUrl;
        this.mllpPort = mllpPort;
        this.municipalities = List.copyOf(municipalities);
    }

    /** One patient, start to acknowledgement. */
    void onePatient() {
        long n = sequence.incrementAndGet();
        String visit = runId + "-" + n;
        String municipality = municipalities.get((int) (n % municipalities.size()));
        String nationalId;
        SplittableRandom random;
        synchronized (seeds) {
            random = seeds.split();
        }
        do {
            nationalId = SyntheticNationalIds.next(random); // a fresh person each time: one handover per pseudonym
        } while (!nationalIds.add(nationalId));
        boolean json = n % 2 == 0;
        Outcome outcome = json ? json(nationalId, municipality, visit) : hl7(nationalId, municipality, visit, n);
        if (outcome != null) {
            requests.put(visit, new Request(visit, json ? "JSON" : "HL7", outcome));
        }
    }

    private Outcome json(String nationalId, String municipality, String visit) {
        String body = """
                {"nationalId":"%s","municipality":"%s","hospital":{"organisationNumber":"%s"},"visitNumber":"%s","declaredAt":"%s"}"""
                .formatted(nationalId, municipality, HOSPITAL, visit, Instant.now());
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(patientUrl + "/api/v1/discharge-ready-notices"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Authorization", tokens.bearer("hospital"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status == 202 ? Outcome.OK : status >= 400 && status < 500 ? Outcome.FAIL : Outcome.INFO;
        } catch (IOException e) {
            return Outcome.INFO;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.INFO;
        }
    }

    /** A01 then A16 on one connection; only the A16 (the discharge-ready declaration) is recorded. */
    private Outcome hl7(String nationalId, String municipality, String visit, long n) {
        String pid = "PID|||" + nationalId + "^^^FNR^NNNOR||Feil^Test||19700101|F|||Gate 1^^By^^0150^NOR^H^^" + municipality + "\r";
        String pv1 = "PV1||I|MED^1^1||||||||||||||||" + visit + "|||||||||||||||||||||||||" + HL7_TIME.format(Instant.now()) + "\r";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", mllpPort), 2000);
            socket.setSoTimeout(10_000);
            String admit = exchange(socket, message("A01", "ADT_A01", runId + n + "a", pid, pv1));
            if (!admit.contains("MSA|AA|")) {
                return null; // not admitted: this patient is not part of the record
            }
            String ready = exchange(socket, message("A16", "ADT_A16", runId + n + "r", pid, pv1));
            return ready.contains("MSA|AA|") ? Outcome.OK : ready.contains("MSA|AE|") || ready.contains("MSA|AR|") ? Outcome.FAIL : Outcome.INFO;
        } catch (IOException e) {
            return null; // connection refused or reset before the A16 was sent: see exchange() for after
        }
    }

    private static String message(String trigger, String structure, String controlId, String pid, String pv1) {
        String now = HL7_TIME.format(Instant.now());
        return "MSH|^~\\&|FAULTS|Feil HF^" + HOSPITAL + "^NO-ORG|CARERELAY|CARERELAY|" + now + "||ADT^" + trigger + "^" + structure + "|" + controlId
                + "|P|2.5\r" + "EVN|" + trigger + "|" + now + "\r" + pid + pv1;
    }

    /** MLLP framing: VT message FS CR. A broken connection after sending means "no answer": an empty string. */
    private static String exchange(Socket socket, String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(0x0b);
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {0x1c, 0x0d});
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == 0x1c) {
                    return answer.toString();
                }
                if (b != 0x0b) {
                    answer.append((char) b);
                }
            }
        } catch (IOException e) {
            // reset or timed out while waiting: the message may or may not have been stored
        }
        return "";
    }

    Map<String, Request> requests() {
        return requests;
    }

    String runId() {
        return runId;
    }
}
