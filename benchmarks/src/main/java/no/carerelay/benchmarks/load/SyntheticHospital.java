package no.carerelay.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import no.carerelay.benchmarks.load.LoadOptions.Channel;
import no.carerelay.testkit.MllpClient;
import no.carerelay.testkit.SyntheticNationalIds;

/**
 * Plays the hospitals: each synthetic patient (Tenor-style synthetic fødselsnummer, month + 80, living in one of
 * the chosen municipalities) goes through a realistic ADT sequence on one channel:
 * <ul>
 * <li>HL7 v2 over MLLP: A01 admit, A16 pending discharge (discharge-ready), A03 discharge;</li>
 * <li>FHIR R4: PUT Encounter in-progress, then with the discharge-ready extension, then finished;</li>
 * <li>JSON: the discharge-ready notice (the JSON channel takes nothing else).</li>
 * </ul>
 * Each step waits for the previous one's acknowledgement, as a hospital's interface engine does per patient.
 * <p>
 * With a {@link SyntheaCohort} the patients are Synthea's instead: each gets a synthetic fødselsnummer from Synthea's
 * birth date and sex, a municipality chosen by its Synthea id, and one admit, discharge-ready, discharge sequence per
 * inpatient stay Synthea simulated, in order. Going round the cohort again makes new persons (new numbers).
 */
final class SyntheticHospital {

    static final String HOSPITAL = "983974899";
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneId.of("Europe/Oslo"));

    private final LoadOptions options;
    private final SyntheaCohort cohort;
    private final List<String> municipalities;
    private final List<Channel> channelWheel = new ArrayList<>();
    private final HttpClient http;
    private final DemoTokens tokens;
    private final String runId;
    private final AtomicLong patients = new AtomicLong();
    private final ThreadLocal<MllpClient> mllp = new ThreadLocal<>();
    private final ThreadLocal<Random> random = ThreadLocal.withInitial(Random::new);

    /** visit number -> System.nanoTime() when the discharge-ready message was acknowledged */
    private final Map<String, Long> readyAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final LongAdder unanswered = new LongAdder();
    private volatile String lastRefusal;

    SyntheticHospital(LoadOptions options, List<String> municipalities, HttpClient http, SyntheaCohort cohort, DemoTokens tokens) {
        this.options = options;
        this.tokens = tokens;
        this.cohort = cohort;
        this.municipalities = List.copyOf(municipalities);
        this.http = http;
        this.runId = "L" + Long.toString(System.currentTimeMillis(), 36);
        options.mix().forEach((channel, weight) -> {
            for (int i = 0; i < weight; i++) {
                channelWheel.add(channel);
            }
        });
    }

    /** One patient's whole sequence (with a Synthea cohort: all their stays); returns whether every step was acknowledged. */
    boolean runPatient() {
        long n = patients.incrementAndGet();
        Channel channel = channelWheel.get((int) (n % channelWheel.size()));
        Random random = this.random.get();
        String municipality;
        String nationalId;
        LocalDate birthDate;
        boolean female;
        int stays;
        if (cohort == null) {
            municipality = municipalities.get((int) (n % municipalities.size()));
            birthDate = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(365 * 75));
            female = random.nextBoolean();
            stays = 1;
        } else {
            SyntheaCohort.Patient patient = cohort.patients().get((int) ((n - 1) % cohort.patients().size()));
            municipality = municipalities.get(Math.floorMod(patient.syntheaId().hashCode(), municipalities.size()));
            birthDate = patient.birthDate();
            female = patient.female();
            stays = patient.stays().size();
        }
        nationalId = SyntheticNationalIds.fodselsnummer(birthDate, female, random);
        try {
            for (int stay = 0; stay < stays; stay++) {
                String visit = runId + "-" + n + (cohort == null ? "" : "-" + stay);
                boolean acknowledged = switch (channel) {
                    case JSON -> json(nationalId, municipality, visit);
                    case FHIR -> fhir(nationalId, municipality, visit);
                    case HL7 -> hl7(nationalId, municipality, visit, n + "s" + stay, birthDate, female);
                };
                if (!acknowledged) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            unanswered.increment();
            if (channel == Channel.HL7) {
                closeMllp();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean json(String nationalId, String municipality, String visit) throws IOException, InterruptedException {
        String body = """
                {"nationalId":"%s","municipality":"%s","hospital":{"organisationNumber":"%s","name":"Lasttest HF"},\
                "visitNumber":"%s","declaredAt":"%s","careNeeds":["HOME_NURSING"]}""".formatted(nationalId, municipality, HOSPITAL, visit, Instant.now());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.patientUrl() + "/api/v1/discharge-ready-notices"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Idempotency-Key", visit)
                .header("Authorization", tokens.bearer("hospital"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        return outcome("JSON discharge-ready", response.statusCode() == 202, response.statusCode() + " " + response.body(), visit, true);
    }

    private boolean fhir(String nationalId, String municipality, String visit) throws IOException, InterruptedException {
        String id = visit.toLowerCase().replace('_', '-');
        Instant admitted = Instant.now();
        return fhirPut(id, 1, nationalId, municipality, visit, "in-progress", null, admitted, "FHIR admit", false)
                && fhirPut(id, 2, nationalId, municipality, visit, "in-progress", Instant.now(), admitted, "FHIR discharge-ready", true)
                && fhirPut(id, 3, nationalId, municipality, visit, "finished", Instant.now(), admitted, "FHIR discharge", false);
    }

    private boolean fhirPut(String id, int version, String nationalId, String municipality, String visit, String status, Instant ready,
            Instant admitted, String step, boolean isReady) throws IOException, InterruptedException {
        String extension = ready == null ? "" : """
                "extension":[{"url":"https://carerelay.no/fhir/StructureDefinition/discharge-ready","valueDateTime":"%s"}],""".formatted(ready);
        String period = "finished".equals(status) ? """
                {"start":"%s","end":"%s"}""".formatted(admitted, Instant.now()) : """
                {"start":"%s"}""".formatted(admitted);
        String body = """
                {"resourceType":"Encounter","id":"%s","meta":{"versionId":"%d"},\
                "contained":[{"resourceType":"Patient","id":"patient","identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"%s"}],\
                "address":[{"district":"%s"}]}],%s\
                "identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.2.999","value":"%s"}],"status":"%s",\
                "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},"subject":{"reference":"#patient"},\
                "period":%s,"serviceProvider":{"identifier":{"system":"urn:oid:2.16.578.1.12.4.1.4.101","value":"%s"},"display":"Lasttest HF"}}"""
                .formatted(id, version, nationalId, municipality, extension, visit, status, period, HOSPITAL);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.patientUrl() + "/fhir/Encounter/" + id))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                .header("Authorization", tokens.bearer("hospital"))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        return outcome(step, code == 200 || code == 201, code + " " + response.body(), visit, isReady);
    }

    private boolean hl7(String nationalId, String municipality, String visit, String n, LocalDate birthDate, boolean female)
            throws IOException {
        MllpClient client = mllp.get();
        if (client == null) {
            client = new MllpClient(options.mllpHost(), options.mllpPort(), Duration.ofSeconds(30));
            mllp.set(client);
        }
        String pid = "PID|||" + nationalId + "^^^FNR^NNNOR||Lasttest^Pasient||19850315|F|||Storgata 1^^By^^0150^NOR^H^^" + municipality + "\r";
        String pv1 = "PV1||I|MED^101^1||||||||||||||||" + visit + "|||||||||||||||||||||||||" + HL7_TIME.format(Instant.now()) + "\r";
        return hl7Step(client, "A01", "ADT_A01", n + "a", pid, pv1, "", visit, "HL7 admit", false)
                && hl7Step(client, "A16", "ADT_A16", n + "r", pid, pv1, "", visit, "HL7 discharge-ready", true)
                && hl7Step(client, "A03", "ADT_A03", n + "d", pid, pv1.replace("\r", ""), "", visit, "HL7 discharge", false);
    }

    private boolean hl7Step(MllpClient client, String trigger, String structure, String control, String pid, String pv1, String extra,
            String visit, String step, boolean isReady) {
        String now = HL7_TIME.format(Instant.now());
        String controlId = runId + control;
        String message = "MSH|^~\\&|LOADGEN|Lasttest HF^" + HOSPITAL + "^NO-ORG|CARERELAY|CARERELAY|" + now + "||ADT^" + trigger + "^" + structure
                + "|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|" + now + "\r"
                + pid
                + (pv1.endsWith("\r") ? pv1 : pv1 + "|" + now + "\r")
                + extra;
        String ack;
        try {
            ack = client.send(message);
        } catch (RuntimeException e) {
            unanswered.increment();
            closeMllp();
            return false;
        }
        return outcome(step, ack.contains("MSA|AA|" + controlId), ack.replace('\r', ' '), visit, isReady);
    }

    private boolean outcome(String step, boolean ok, String detail, String visit, boolean isReady) {
        if (ok) {
            accepted.computeIfAbsent(step, k -> new LongAdder()).increment();
            if (isReady) {
                readyAcknowledged.put(visit, System.nanoTime());
            }
        } else {
            refused.computeIfAbsent(step, k -> new LongAdder()).increment();
            lastRefusal = step + ": " + (detail.length() > 300 ? detail.substring(0, 300) : detail);
        }
        return ok;
    }

    private void closeMllp() {
        MllpClient client = mllp.get();
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // broken anyway
            }
            mllp.remove();
        }
    }

    void closeConnections() {
        closeMllp();
    }

    Map<String, Long> readyAcknowledged() {
        return readyAcknowledged;
    }

    long accepted() {
        return accepted.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> acceptedBy() {
        Map<String, Long> result = new java.util.TreeMap<>();
        accepted.forEach((step, count) -> result.put(step, count.sum()));
        return result;
    }

    long refused() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long unanswered() {
        return unanswered.sum();
    }

    String lastRefusal() {
        return lastRefusal;
    }

    String runId() {
        return runId;
    }

}
