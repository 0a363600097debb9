package no.carerelay.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventTypes;
import no.carerelay.testkit.StandardWebhooks;

/**
 * The end-to-end load benchmark: synthetic hospitals send ADT traffic to patient-service over HLv2/MLLP, FHIR and
 * JSON; synthetic municipalities receive the handover webhooks notification-service sends. Reports what was
 * accepted and delivered per second and the latency from a discharge-ready acknowledgement to its webhook, plus
 * Kafka's own producer ceiling on the same broker. Run it through {@code ./benchmarks/run-load}.
 */
public final class LoadBenchmark {

    private final LoadOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoTokens tokens;
    private final EventCodec json = new EventCodec();
    private final List<String> subscriptionIds = new ArrayList<>();

    private LoadBenchmark(LoadOptions options) {
        this.options = options;
        this.tokens = new DemoTokens(http, options.tokenUrl(), options.clientSecret());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        new LoadBenchmark(options).run();
    }

    private void run() throws Exception {
        Machine machine = Machine.current();
        System.out.printf("load: %s; rate %s, warm-up %s, measured %s, mix %s, %d municipalities, %d senders%n", machine,
                options.rate() == 0 ? "as fast as possible" : options.rate() + "/s", options.warmup(), options.duration(), options.mix(),
                options.municipalities(), options.concurrency());
        List<String> municipalities = municipalities(options.municipalities());
        SyntheaCohort cohort = options.synthea() == null ? null : SyntheaCohort.read(options.synthea());
        System.out.println("load: patients: " + (cohort == null ? "built-in synthetic patients, one stay each" : cohort));
        Map<String, String> secrets = new LinkedHashMap<>();
        municipalities.forEach(municipality -> secrets.put(municipality, StandardWebhooks.newSecret()));
        try (MunicipalReceiver receiver = new MunicipalReceiver(options.receiverPort(), secrets)) {
            try {
                subscribe(secrets);
                SyntheticHospital hospital = new SyntheticHospital(options, municipalities, http, cohort, tokens);
                Phase measured = drive(hospital, receiver);
                Map<String, String> pseudonyms = pseudonymsByVisit(hospital.runId());
                Drained drained = drain(hospital, receiver, pseudonyms, measured);
                KafkaCeiling.Result ceiling = options.ceiling() ? ceiling() : null;
                LoadReport report = LoadReport.of(options, machine, cohort, hospital, receiver, measured, drained, ceiling);
                System.out.print(report.table());
                Path output = options.output() != null ? options.output()
                        : Path.of("benchmarks/results/load-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
                Files.createDirectories(output.toAbsolutePath().getParent());
                Files.writeString(output, report.json());
                System.out.println("load: report written to " + output);
            } finally {
                unsubscribe();
            }
        }
    }

    /** What was counted during the measured window. */
    record Phase(long startNanos, long endNanos, long acceptedAtStart, long acceptedAtEnd, long deliveredAtStart, long deliveredAtEnd,
            long patientsStarted) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        boolean contains(long nanos) {
            return nanos >= startNanos && nanos < endNanos;
        }
    }

    /**
     * After the load: latencies of the measured window's discharge-ready notices, in ms; those that never arrived; and
     * webhooks beyond one per acknowledged discharge-ready notice of the same patient (a doubled handover).
     */
    record Drained(long[] latenciesMs, long missing, long uncorrelated, long extraHandovers, double drainSeconds) {
    }

    private Phase drive(SyntheticHospital hospital, MunicipalReceiver receiver) throws InterruptedException {
        long begin = System.nanoTime();
        long measureFrom = begin + options.warmup().toNanos();
        long stopAt = measureFrom + options.duration().toNanos();
        AtomicLong slot = new AtomicLong();
        AtomicLong started = new AtomicLong();
        long[] snapshot = new long[4];
        CountDownLatch done = new CountDownLatch(options.concurrency());
        double nanosPerPatient = options.rate() == 0 ? 0 : 1e9 / options.rate();
        Thread snapshots = new Thread(() -> {
            LockSupport.parkNanos(Math.max(0, measureFrom - System.nanoTime()));
            snapshot[0] = hospital.accepted();
            snapshot[1] = receiver.received();
            System.out.println("load: warm-up done, measuring");
            LockSupport.parkNanos(Math.max(0, stopAt - System.nanoTime()));
            snapshot[2] = hospital.accepted();
            snapshot[3] = receiver.received();
        }, "load-snapshots");
        snapshots.start();
        Thread progress = new Thread(() -> {
            long lastAccepted = 0;
            long lastDelivered = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                long accepted = hospital.accepted();
                long delivered = receiver.received();
                System.out.printf("load: %5.0f s  accepted %6.0f/s  webhooks %6.0f/s  refused %d  unanswered %d%n",
                        (System.nanoTime() - begin) / 1e9, (accepted - lastAccepted) / 5.0, (delivered - lastDelivered) / 5.0, hospital.refused(),
                        hospital.unanswered());
                lastAccepted = accepted;
                lastDelivered = delivered;
            }
        }, "load-progress");
        progress.setDaemon(true);
        progress.start();
        for (int i = 0; i < options.concurrency(); i++) {
            Thread sender = new Thread(() -> {
                try {
                    while (true) {
                        long due = nanosPerPatient == 0 ? System.nanoTime() : begin + (long) (slot.getAndIncrement() * nanosPerPatient);
                        if (due >= stopAt || System.nanoTime() >= stopAt) {
                            return;
                        }
                        LockSupport.parkNanos(due - System.nanoTime());
                        started.incrementAndGet();
                        hospital.runPatient();
                    }
                } finally {
                    hospital.closeConnections();
                    done.countDown();
                }
            }, "hospital-" + i);
            sender.start();
        }
        done.await();
        snapshots.join();
        progress.interrupt();
        if (hospital.lastRefusal() != null) {
            System.out.println("load: last refusal: " + hospital.lastRefusal());
        }
        return new Phase(measureFrom, stopAt, snapshot[0], snapshot[2], snapshot[1], snapshot[3], started.get());
    }

    /**
     * A patient's stays run one after another, and the platform keeps per-patient order, so the k-th discharge-ready
     * acknowledgement of a patient is answered by the k-th handover webhook for that patient's pseudonym.
     */
    private Drained drain(SyntheticHospital hospital, MunicipalReceiver receiver, Map<String, String> pseudonyms, Phase measured)
            throws InterruptedException {
        Map<String, List<Long>> acknowledgedByPatient = new HashMap<>();
        long uncorrelated = 0;
        for (Map.Entry<String, Long> entry : hospital.readyAcknowledged().entrySet()) {
            String pseudonym = pseudonyms.get(entry.getKey());
            if (pseudonym == null) {
                uncorrelated += measured.contains(entry.getValue()) ? 1 : 0;
            } else {
                acknowledgedByPatient.computeIfAbsent(pseudonym, key -> new ArrayList<>()).add(entry.getValue());
            }
        }
        acknowledgedByPatient.values().forEach(Collections::sort);
        long inWindow = acknowledgedByPatient.values().stream().flatMap(List::stream).filter(measured::contains).count();
        System.out.printf("load: waiting for the webhooks of %d discharge-ready notices acknowledged while measuring%n", inWindow);
        long began = System.nanoTime();
        long deadline = began + options.drainTimeout().toNanos();
        List<Long> latencies = new ArrayList<>();
        long missing;
        do {
            latencies.clear();
            missing = 0;
            Map<String, List<Long>> arrived = receiver.arrivalsByPseudonym();
            for (Map.Entry<String, List<Long>> patient : acknowledgedByPatient.entrySet()) {
                List<Long> webhooks = arrived.getOrDefault(patient.getKey(), List.of());
                List<Long> acknowledged = patient.getValue();
                for (int k = 0; k < acknowledged.size(); k++) {
                    if (!measured.contains(acknowledged.get(k))) {
                        continue;
                    }
                    if (k < webhooks.size()) {
                        latencies.add(Math.max(0, (webhooks.get(k) - acknowledged.get(k)) / 1_000_000));
                    } else {
                        missing++;
                    }
                }
            }
            if (missing == 0) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        long extra = 0;
        for (Map.Entry<String, List<Long>> patient : receiver.arrivalsByPseudonym().entrySet()) {
            extra += Math.max(0, patient.getValue().size() - acknowledgedByPatient.getOrDefault(patient.getKey(), List.of()).size());
        }
        return new Drained(latencies.stream().mapToLong(Long::longValue).sorted().toArray(), missing, uncorrelated, extra,
                (System.nanoTime() - began) / 1e9);
    }

    /** visit number -> pseudonym, from patient-service's database: HL7 ACKs and FHIR answers carry no pseudonym. */
    private Map<String, String> pseudonymsByVisit(String runId) throws SQLException {
        Map<String, String> pseudonyms = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(options.patientDatabase(), options.databaseUser(), options.databasePassword());
                PreparedStatement query = connection.prepareStatement(
                        "SELECT visit_number, patient_pseudonym FROM encounter WHERE hospital_org_number = ? AND visit_number LIKE ?")) {
            query.setString(1, SyntheticHospital.HOSPITAL);
            query.setString(2, runId + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pseudonyms.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return pseudonyms;
    }

    private KafkaCeiling.Result ceiling() throws IOException, InterruptedException {
        System.out.println("load: Kafka ProducerPerformance on the same broker (500,000 records of 700 bytes, acks=all)");
        Path root = Path.of(System.getProperty("carerelay.root", "."));
        return KafkaCeiling.run(options.bootstrapServers(), root.resolve("devstack/target/kafka-lib"), root.resolve("devstack/target/lib"),
                500_000, 700);
    }

    private void subscribe(Map<String, String> secrets) throws IOException, InterruptedException {
        URI subscriptions = URI.create(options.notificationUrl() + "/api/v1/webhook-subscriptions");
        removeLeftovers(subscriptions);
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            String body = """
                    {"municipality":"%s","url":"%s","eventTypes":["%s"],"secret":"%s"}"""
                    .formatted(entry.getKey(), MunicipalReceiver.url(options.receiverPort(), entry.getKey()), EventTypes.HANDOVER_OPENED.name(),
                            entry.getValue());
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(subscriptions).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", tokens.bearer("operator"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("subscribing " + entry.getKey() + " failed: " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            subscriptionIds.add(json.readTree(response.body()).get("id").asString());
        }
        System.out.printf("load: subscribed %d municipalities to %s at %s%n", secrets.size(), EventTypes.HANDOVER_OPENED.name(),
                MunicipalReceiver.url(options.receiverPort(), "<kommunenummer>"));
    }

    /**
     * A run that was killed never unsubscribed: its subscriptions point at this receiver with secrets nobody knows,
     * so every handover would also go there, fail its signature check and be retried, loading the platform and
     * counting as bad signatures. Remove them before measuring.
     */
    private void removeLeftovers(URI subscriptions) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(subscriptions).timeout(Duration.ofSeconds(10))
                .header("Authorization", tokens.bearer("operator")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("listing subscriptions failed: " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        String ours = MunicipalReceiver.url(options.receiverPort(), "");
        List<String> leftovers = new ArrayList<>();
        for (var subscription : json.readTree(response.body())) {
            if (subscription.get("active").asBoolean() && subscription.get("url").asString().startsWith(ours)) {
                leftovers.add(subscription.get("id").asString());
            }
        }
        if (!leftovers.isEmpty()) {
            System.out.printf("load: removing %d subscriptions to %s<kommunenummer> left by an earlier run%n", leftovers.size(), ours);
            delete(leftovers);
        }
    }

    /** Our receiver goes away with this JVM: leave no subscription behind that notification-service would retry for days. */
    private void unsubscribe() {
        delete(subscriptionIds);
    }

    private void delete(List<String> ids) {
        for (String id : ids) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(options.notificationUrl() + "/api/v1/webhook-subscriptions/" + id))
                        .header("Authorization", tokens.bearer("operator")).timeout(Duration.ofSeconds(10)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                System.out.println("load: could not delete subscription " + id + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Real kommunenummer from patient-service's SSB list, spread over the list; 0301 and 4601 belong to the devstack demo. */
    static List<String> municipalities(int count) throws IOException {
        List<String> all = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LoadBenchmark.class.getClassLoader().getResourceAsStream("reference/kommunenummer.csv"), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#") && !line.startsWith("kommunenummer")).map(line -> line.split(";")[0])
                    .filter(code -> !code.equals("0301") && !code.equals("4601")).forEach(all::add);
        }
        if (count > all.size()) {
            throw new IllegalArgumentException("--municipalities: there are only " + all.size());
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        return chosen;
    }

    /** The machine the figures come from. */
    record Machine(int cores, long memoryMiB, String java, String os) {
        static Machine current() {
            long memory = -1;
            try {
                memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
            } catch (IOException e) {
                // not Linux: unknown
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + ManagementFactory.getOperatingSystemMXBean().getArch() + ")");
        }

        @Override
        public String toString() {
            return cores + " cores, " + memoryMiB / 1024 + " GiB, " + java;
        }
    }
}
