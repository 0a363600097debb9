package no.carerelay.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Which infrastructure this JVM uses, decided once, and why. */
record InfrastructureMode(boolean containers, String reason) {

    static final String PROPERTY = "carerelay.testkit.infrastructure";
    static final String ENVIRONMENT = "CARERELAY_TESTKIT_INFRASTRUCTURE";

    /** Long enough for a slow but healthy engine; a hung socket must not stall every test JVM for minutes. */
    private static final long PROBE_TIMEOUT_SECONDS = 15;

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static volatile InfrastructureMode current;

    static InfrastructureMode current() {
        if (current == null) {
            synchronized (InfrastructureMode.class) {
                if (current == null) {
                    current = decide();
                    log.info("Test infrastructure: {}; chosen by {}", current.containers()
                            ? "Testcontainers (apache/kafka:4.1.2, postgres:17-alpine)"
                            : "embedded (Kafka KRaft broker in this JVM, PostgreSQL 17 child process)", current.reason());
                }
            }
        }
        return current;
    }

    private static InfrastructureMode decide() {
        return decide(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), InfrastructureMode::probeDocker);
    }

    /**
     * The system property wins over the environment variable; blank counts as unset.
     *
     * @param dockerProblem empty when a Docker engine answers, otherwise why not; only asked in mode auto
     */
    static InfrastructureMode decide(String property, String environment, Supplier<Optional<String>> dockerProblem) {
        String mode;
        String chosenBy;
        if (property != null && !property.isBlank()) {
            mode = property.trim().toLowerCase(Locale.ROOT);
            chosenBy = "-D" + PROPERTY + "=" + mode;
        } else if (environment != null && !environment.isBlank()) {
            mode = environment.trim().toLowerCase(Locale.ROOT);
            chosenBy = ENVIRONMENT + "=" + mode;
        } else {
            mode = "auto";
            chosenBy = "default mode auto";
        }
        return switch (mode) {
            case "embedded" -> new InfrastructureMode(false, chosenBy);
            case "testcontainers" -> new InfrastructureMode(true, chosenBy);
            case "auto" -> dockerProblem.get()
                    .map(problem -> new InfrastructureMode(false, chosenBy + ": " + problem))
                    .orElseGet(() -> new InfrastructureMode(true, chosenBy + ": a Docker engine answered"));
            default -> throw new IllegalArgumentException(chosenBy + ": the mode must be embedded, testcontainers or auto");
        };
    }

    /** Empty when a Docker engine answers; otherwise why not. */
    private static Optional<String> probeDocker() {
        // Without any trace of Docker skip Testcontainers' probe: it is quick, but logs an ERROR that reads like a
        // test failure to whoever scrolls the build output.
        if (dockerTraces().isEmpty()) {
            return Optional.of("no Docker engine (no DOCKER_HOST, Docker socket or ~/.testcontainers.properties)");
        }
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                probe.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable e) {
                probe.completeExceptionally(e);
            }
        }, "testkit-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return probe.get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    ? Optional.empty()
                    : Optional.of("Testcontainers found no working Docker engine (traces: " + String.join(", ", dockerTraces()) + ")");
        } catch (TimeoutException e) {
            return Optional.of("the Docker engine did not answer within " + PROBE_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return Optional.of("the Docker probe failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing for Docker");
        }
    }

    /** The places Testcontainers' strategies look for an engine: env, config file, the usual sockets. */
    private static List<String> dockerTraces() {
        List<String> traces = new ArrayList<>();
        if (System.getenv("DOCKER_HOST") != null) {
            traces.add("DOCKER_HOST");
        }
        if (File.separatorChar == '\\') {
            traces.add("Windows named pipe"); // cannot be checked cheaply; let Testcontainers look
        }
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> candidates = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".colima/default/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
        }
        try (Stream<Path> users = Files.list(Path.of("/run/user"))) {
            users.map(dir -> dir.resolve("docker.sock")).forEach(candidates::add); // rootless Docker
        } catch (Exception e) {
            // no /run/user here
        }
        candidates.stream().filter(Files::exists).map(Path::toString).forEach(traces::add);
        return traces;
    }
}
