package no.carerelay.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service as its own JVM: {@code java -jar <module>/target/<module>-<version>-exec.jar}, configured only through
 * environment variables, stdout and stderr in {@code .devstack/logs/<module>.log}.
 */
final class ServiceProcess {

    static final List<String> NAMES = List.of("patient-service", "trajectory-service", "collaboration-service", "notification-service");

    /** A service to run: its name (also its Maven module) and HTTP port; its database is the name without "-service". */
    record Spec(String name, int port) {

        String database() {
            return database(name);
        }

        static String database(String service) {
            return service.replace("-service", "");
        }
    }

    private static final int STOP_GRACE_SECONDS = 15;

    private final String name;
    private final int port;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;
    private long startedAt;
    private double readyAfterSeconds = -1;

    ServiceProcess(String name, int port, Path jar, Path log, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
        this.environment = environment;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    String url() {
        return "http://localhost:" + port;
    }

    void start(String java, List<String> jvmOptions, ChildProcesses children) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new StartupFailure(jar + " does not exist: build it (./devstack/run without --no-build, or ./mvnw -DskipTests install)"
                    + " or leave the service out with --skip=" + name.replace("-service", ""), null);
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        startedAt = System.nanoTime();
        readyAfterSeconds = -1; // a restart (fault runs) must be probed again
        process = children.start(name, command, environment, log, "TERM", 1);
    }

    /** One readiness probe; throws if the process has died. */
    boolean probeReady(HttpClient http) {
        if (readyAfterSeconds >= 0) {
            return true;
        }
        if (!process.isAlive()) {
            throw new StartupFailure(name + " exited with code " + process.exitValue() + " during start-up", log);
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                readyAfterSeconds = (System.nanoTime() - startedAt) / 1e9;
                return true;
            }
        } catch (IOException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    double readyAfterSeconds() {
        return readyAfterSeconds;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    Process process() {
        return process;
    }

    /**
     * SIGTERM (Spring's graceful shutdown), up to {@value #STOP_GRACE_SECONDS} s, then SIGKILL. A Kafka listener
     * container may take its full 10 s shutdown timeout on its own (seen when stopped right after start-up), hence
     * a little more than that here.
     */
    void stop() throws InterruptedException {
        if (process != null && !ChildProcesses.stop(process.toHandle(), "TERM", STOP_GRACE_SECONDS)) {
            Console.line(name, "did not stop within %d s: killed", STOP_GRACE_SECONDS);
        }
    }

    /** Sends SIGTERM without waiting, so that all services shut down at once. */
    void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }
}
