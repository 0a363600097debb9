package no.carerelay.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventTypes;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./devstack/run}: the whole platform on this machine. Starts a Kafka broker and PostgreSQL, the four services
 * as separate processes, a demo municipal webhook receiver and a demo hospital feed, prints where to look, and stops
 * everything on Ctrl-C (SIGINT, SIGTERM, SIGHUP) in order: feed, services, receiver, Kafka, PostgreSQL.
 */
public final class DevStack {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    /** The demo municipalities: kommunenummer and name. */
    private static final Map<String, String> MUNICIPALITIES = demoMunicipalities();
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("patient-service", 8081, "trajectory-service", 8082,
            "collaboration-service", 8083, "notification-service", 8084);
    private static final int TOKEN_ISSUER_PORT = 8085;
    /** JVM options of each service; DEVSTACK_SERVICE_JVM_OPTS replaces them. */
    private static final String SERVICE_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final int LOG_TAIL_LINES = 40;

    private final Path root;
    private final Options options;
    private final Path state;
    private final Path logs;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final EventCodec json = new EventCodec();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Guards the start and stop of each part, so that a Ctrl-C during start-up leaves nothing half-started behind. */
    private final Object lifecycle = new Object();
    private boolean stopping;
    private FileChannel lockChannel;
    private ChildProcesses children;
    private KafkaBroker kafka;
    private Postgres postgres;
    private final List<ServiceProcess> services = new ArrayList<>();
    private DemoReceiver receiver;
    private TokenIssuerProcess tokens;
    private DemoHospitalFeed feed;

    private static Map<String, String> demoMunicipalities() {
        Map<String, String> municipalities = new LinkedHashMap<>();
        municipalities.put("0301", "Oslo");
        municipalities.put("4601", "Bergen");
        return municipalities;
    }

    private DevStack(Path root, Options options) {
        this.root = root;
        this.options = options;
        this.state = root.resolve(".devstack");
        this.logs = state.resolve("logs");
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        DevStack stack = new DevStack(Path.of(System.getProperty("devstack.root", "")).toAbsolutePath().normalize(), options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            if (!stack.isStopping()) {
                stack.reportFailure(e);
                stack.stop();
                System.exit(1);
            }
        }
        stack.stopped.await(); // until Ctrl-C: the shutdown hook stops everything, then the JVM exits
    }

    private void start() throws Exception {
        if (!Files.isRegularFile(root.resolve("devstack/pom.xml"))) {
            throw new IllegalStateException(root + " is not the CareRelay checkout (run ./devstack/run, or pass -Ddevstack.root)");
        }
        Files.createDirectories(logs);
        lock();
        children = new ChildProcesses(root, state.resolve("run"));
        children.stopLeftovers();
        if (options.clean()) {
            Console.line("devstack", "--clean: deleting the Kafka and PostgreSQL data in %s", state);
            deleteRecursively(state.resolve("kafka"));
            deleteRecursively(state.resolve("postgres"));
        }
        List<ServiceProcess.Spec> wanted = ServiceProcess.NAMES.stream().filter(name -> !options.skip().contains(name))
                .map(name -> new ServiceProcess.Spec(name, SERVICE_PORTS.get(name))).toList();
        checkPorts(wanted);
        DevSecrets secrets = DevSecrets.loadOrCreate(state.resolve("keys.properties"), List.copyOf(MUNICIPALITIES.keySet()));
        children.startWatchdog();

        step(() -> {
            kafka = new KafkaBroker(java, root.resolve("devstack/target/kafka-lib"), root.resolve("devstack/target/lib"),
                    state.resolve("kafka"), rotate(logs.resolve("kafka.log")));
            kafka.start(children);
            Console.line("kafka", "starting (KRaft, broker and controller in one JVM, pid %d), log %s", kafka.process().pid(),
                    relative(logs.resolve("kafka.log")));
        });
        step(() -> {
            long began = System.nanoTime();
            int port = Ports.preferredOrFree(5432);
            if (port != 5432) {
                Console.line("postgres", "port 5432 is taken: using %d", port);
            }
            postgres = Postgres.start(state.resolve("postgres/data"), port, rotate(logs.resolve("postgres.log")));
            children.track("postgres", postgres.pid(), "INT", 2); // SIGINT: PostgreSQL's fast shutdown
            postgres.ensureDatabases(wanted.stream().map(ServiceProcess.Spec::database).toList());
            Console.line("postgres", "PostgreSQL %s up on localhost:%d in %.1f s (data %s)", Postgres.MAJOR_VERSION, postgres.port(),
                    (System.nanoTime() - began) / 1e9, relative(state.resolve("postgres/data")));
        });
        kafka.awaitReady(Duration.ofSeconds(90));
        Console.line("kafka", "up on %s", KafkaBroker.BOOTSTRAP);

        step(() -> {
            Map<String, String> webhookSecrets = new HashMap<>();
            MUNICIPALITIES.keySet().forEach(municipality -> webhookSecrets.put(municipality, secrets.webhookSecret(municipality)));
            receiver = new DemoReceiver(webhookSecrets);
            Console.line("receiver", "demo municipal webhook receiver on %s", DemoReceiver.url("<kommunenummer>"));
        });
        List<String> jvmOptions = List.of(System.getenv().getOrDefault("DEVSTACK_SERVICE_JVM_OPTS", SERVICE_JVM_OPTIONS).trim().split("\\s+"));
        tokens = new TokenIssuerProcess(TOKEN_ISSUER_PORT, secrets.get(DevSecrets.TOKEN_CLIENT_SECRET), http);
        step(() -> {
            // first: the services fetch its keys when the first token arrives, not at start-up, so they need not wait
            ServiceProcess issuer = tokens.process(root, VERSION, rotate(logs.resolve(TokenIssuerProcess.NAME + ".log")));
            services.add(issuer);
            issuer.start(java, jvmOptions, children);
        });
        for (ServiceProcess.Spec spec : wanted) {
            step(() -> {
                ServiceProcess service = new ServiceProcess(spec.name(), spec.port(),
                        root.resolve(spec.name()).resolve("target").resolve(spec.name() + "-" + VERSION + "-exec.jar"),
                        rotate(logs.resolve(spec.name() + ".log")), environment(spec, secrets));
                services.add(service);
                service.start(java, jvmOptions, children);
            });
        }
        Console.line("devstack", "started %s; waiting for them to be ready (up to %d s each)",
                String.join(", ", wanted.stream().map(ServiceProcess.Spec::name).toList()), options.startupTimeout().toSeconds());
        awaitServicesReady();

        ServiceProcess notification = service("notification-service");
        if (notification != null) {
            for (Map.Entry<String, String> municipality : MUNICIPALITIES.entrySet()) {
                subscribe(notification, municipality.getKey(), municipality.getValue(), secrets.webhookSecret(municipality.getKey()));
            }
        }
        ServiceProcess patient = service("patient-service");
        if (options.feed() && patient != null) {
            step(() -> {
                feed = new DemoHospitalFeed(http, patient.url(), List.copyOf(MUNICIPALITIES.keySet()), tokens);
                feed.start(options.feedInterval());
            });
        }
        printSummary();
        monitor();
    }

    /** After start-up: says so when a process dies on its own (it is not restarted). */
    private void monitor() {
        Map<String, Process> processes = new LinkedHashMap<>();
        Map<String, Path> logsByName = new HashMap<>();
        processes.put("kafka", kafka.process());
        logsByName.put("kafka", logs.resolve("kafka.log"));
        services.forEach(service -> {
            processes.put(service.name(), service.process());
            logsByName.put(service.name(), service.log());
        });
        Thread monitor = new Thread(() -> {
            try {
                while (!processes.isEmpty()) {
                    Thread.sleep(1000);
                    for (Map.Entry<String, Process> entry : List.copyOf(processes.entrySet())) {
                        if (!entry.getValue().isAlive() && !isStopping()) {
                            processes.remove(entry.getKey());
                            Path log = logsByName.get(entry.getKey());
                            Console.line(entry.getKey(), "EXITED on its own (code %d); not restarted. Last lines of %s:%n%s",
                                    entry.getValue().exitValue(), log, tail(log, 15));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "devstack-monitor");
        monitor.setDaemon(true);
        monitor.start();
    }

    private Map<String, String> environment(ServiceProcess.Spec spec, DevSecrets secrets) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", Integer.toString(spec.port()));
        environment.put("DATABASE_URL", postgres.jdbcUrl(spec.database()));
        environment.put("DATABASE_USERNAME", Postgres.USER);
        environment.put("DATABASE_PASSWORD", Postgres.PASSWORD);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP);
        environment.putAll(tokens.serviceEnvironment());
        switch (spec.name()) {
            case "patient-service" -> {
                environment.put("PATIENT_ENCRYPTION_KEY", secrets.get(DevSecrets.ENCRYPTION_KEY));
                environment.put("PATIENT_LOOKUP_KEY", secrets.get(DevSecrets.LOOKUP_KEY));
                environment.put("PATIENT_ACCEPT_SYNTHETIC_IDS", "true");
            }
            case "notification-service" -> {
                // http:// and loopback webhook URLs (the demo receiver); the second name is the yml's own placeholder
                environment.put("CARERELAY_NOTIFICATION_ALLOW_INSECURE_URLS", "true");
                environment.put("NOTIFICATION_ALLOW_INSECURE_URLS", "true");
            }
            default -> { }
        }
        return environment;
    }

    private void awaitServicesReady() throws InterruptedException {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        long nextProgress = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty() && !isStopping()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (service.probeReady(http)) {
                    waiting.remove(service);
                    Console.line(service.name(), "UP in %.1f s on %s", service.readyAfterSeconds(), service.url());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ServiceProcess late = waiting.get(0);
                throw new StartupFailure(late.name() + " was not ready within " + options.startupTimeout().toSeconds() + " s ("
                        + late.url() + "/actuator/health/readiness)", late.log());
            }
            if (System.nanoTime() > nextProgress) {
                nextProgress += Duration.ofSeconds(5).toNanos();
                Console.line("devstack", "waiting for %s (%.0f s)", String.join(", ", waiting.stream().map(ServiceProcess::name).toList()),
                        waiting.get(0).secondsSinceStart());
            }
            Thread.sleep(250);
        }
    }

    /**
     * Makes sure exactly one active subscription sends the municipality's handovers to the demo receiver. One kept in
     * notification-service's database from an earlier run stays (its secret is the one in keys.properties); extra
     * ones are deactivated, since notification-service would deliver every webhook once per subscription.
     */
    private void subscribe(ServiceProcess notification, String municipality, String name, String secret) throws IOException, InterruptedException {
        URI subscriptions = URI.create(notification.url() + "/api/v1/webhook-subscriptions");
        String bearer = tokens.bearer("kommune-" + municipality); // the municipality registers its own endpoint
        HttpResponse<byte[]> listed = http.send(HttpRequest.newBuilder(URI.create(subscriptions + "?municipality=" + municipality))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        List<String> ours = new ArrayList<>();
        if (listed.statusCode() == 200) {
            for (JsonNode subscription : json.readTree(listed.body())) {
                if (subscription.path("active").asBoolean() && DemoReceiver.url(municipality).equals(subscription.path("url").asString())) {
                    ours.add(subscription.path("id").asString());
                }
            }
        }
        for (String extra : ours.subList(Math.min(1, ours.size()), ours.size())) {
            http.send(HttpRequest.newBuilder(URI.create(subscriptions + "/" + extra)).header("Authorization", bearer)
                    .timeout(Duration.ofSeconds(10)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        if (!ours.isEmpty()) {
            Console.line("receiver", "%s (%s) is subscribed already (subscription %s)", municipality, name, ours.get(0));
            return;
        }
        String body = """
                {"municipality":"%s","url":"%s","eventTypes":["%s"],"secret":"%s"}"""
                .formatted(municipality, DemoReceiver.url(municipality), EventTypes.HANDOVER_OPENED.name(), secret);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(subscriptions)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() == 201) {
            Console.line("receiver", "subscribed %s (%s) to %s", municipality, name, EventTypes.HANDOVER_OPENED.name());
        } else {
            // the problem+json names the bad fields; it never echoes the secret
            Console.line("receiver", "subscribing %s (%s) FAILED: %d %s", municipality, name, created.statusCode(), created.body());
        }
    }

    private void printSummary() {
        StringBuilder text = new StringBuilder();
        text.append("\n  CareRelay devstack is up (%.1f s).%n%n".formatted(Console.elapsedSeconds()));
        List<ServiceProcess> platform = services.stream().filter(service -> !service.name().equals(TokenIssuerProcess.NAME)).toList();
        for (ServiceProcess service : platform) {
            text.append("  %-22s %s   %s/actuator/health   %s/actuator/prometheus%n".formatted(service.name(), service.url(),
                    service.url(), service.url()));
        }
        text.append("  %-22s %s (controller 127.0.0.1:%d)%n".formatted("Kafka", KafkaBroker.BOOTSTRAP, KafkaBroker.CONTROLLER_PORT));
        text.append("  %-22s jdbc:postgresql://localhost:%d/{%s}, user %s, password %s%n".formatted("PostgreSQL " + Postgres.MAJOR_VERSION,
                postgres.port(), String.join(",", platform.stream().map(s -> ServiceProcess.Spec.database(s.name())).toList()),
                Postgres.USER, Postgres.PASSWORD));
        MUNICIPALITIES.forEach((number, name) -> text.append("  %-22s %s%n".formatted("webhooks " + name, DemoReceiver.url(number))));
        text.append("  %-22s %s/oauth2/token, clients hospital, kommune-0301, koordinator-0301, kommune-4601, koordinator-4601,%n"
                .formatted("tokens", tokens.issuer()));
        text.append("  %-22s forlopskoordinator, operator, auditor; secret %s in %s%n".formatted("", DevSecrets.TOKEN_CLIENT_SECRET,
                relative(state.resolve("keys.properties"))));
        text.append("  %-22s %s%n".formatted("hospital feed", feed == null ? "off"
                : "a discharge-ready notice every " + options.feedInterval().toMillis() / 1000.0 + " s to " + service("patient-service").url()));
        text.append("  %-22s %s%n%n".formatted("logs", logs));
        text.append("  Ctrl-C stops everything.\n");
        Console.raw(text.toString());
    }

    /** Runs one start-up step unless the stop has begun; the stop waits for a running step to finish. */
    private void step(Step step) throws Exception {
        synchronized (lifecycle) {
            if (stopping) {
                throw new IllegalStateException("stopping");
            }
            step.run();
        }
    }

    private boolean isStopping() {
        synchronized (lifecycle) {
            return stopping;
        }
    }

    /** Idempotent; runs in the shutdown hook (Ctrl-C) or after a failed start. */
    private void stop() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long began = System.nanoTime();
        try {
            if (children == null) {
                return; // failed before anything started
            }
            children.refuseNewProcesses();
            Console.line("devstack", "stopping everything");
            if (feed != null) {
                feed.close();
            }
            services.forEach(ServiceProcess::requestStop); // all at once, then wait for each
            for (ServiceProcess service : services) {
                service.stop();
                children.untrack(service.name());
            }
            if (!services.isEmpty()) {
                Console.line("devstack", "services stopped");
            }
            if (receiver != null) {
                receiver.close();
            }
            if (kafka != null) {
                kafka.stop();
                children.untrack("kafka");
                Console.line("kafka", "stopped");
            }
            if (postgres != null) {
                postgres.close();
                children.untrack("postgres");
                Console.line("postgres", "stopped");
            }
            children.closeWatchdog();
            Console.line("devstack", "everything stopped in %.1f s", (System.nanoTime() - began) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            Console.line("devstack", "while stopping: %s (the watchdog, or the next ./devstack/run, stops what is left)", e);
        } finally {
            stopped.countDown();
        }
    }

    private void reportFailure(Exception e) {
        Console.line("devstack", "FAILED: %s", e.getMessage() != null ? e.getMessage() : e.toString());
        if (e instanceof StartupFailure failure && failure.log() != null) {
            Console.raw("---- last " + LOG_TAIL_LINES + " lines of " + failure.log() + " ----\n" + tail(failure.log(), LOG_TAIL_LINES) + "----");
        } else if (!(e instanceof StartupFailure) && !(e instanceof IllegalStateException)) {
            e.printStackTrace(System.out);
        }
    }

    private static String tail(Path log, int count) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")\n";
        }
    }

    private void lock() throws IOException {
        Path file = state.resolve("run/devstack.lock");
        Files.createDirectories(file.getParent());
        lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            throw new IllegalStateException("another devstack is running from this checkout (" + file + " is locked); stop it first");
        }
    }

    private void checkPorts(List<ServiceProcess.Spec> wanted) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(KafkaBroker.PORT, "Kafka");
        ports.put(KafkaBroker.CONTROLLER_PORT, "Kafka controller");
        wanted.forEach(spec -> ports.put(spec.port(), spec.name()));
        ports.put(DemoReceiver.PORT, "demo webhook receiver");
        ports.put(TOKEN_ISSUER_PORT, TokenIssuerProcess.NAME);
        Ports.requireFree(ports);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst().orElse(null);
    }

    /** Keeps the previous run's log as {@code <name>.1}. */
    private static Path rotate(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createFile(log);
        return log;
    }

    private String relative(Path path) {
        return root.relativize(path).toString();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
