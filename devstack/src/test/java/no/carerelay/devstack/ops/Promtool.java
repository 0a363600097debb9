package no.carerelay.devstack.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's promtool (Debian package {@code prometheus}; .ci/run installs it). Missing promtool fails the test
 * with the install command: a silent skip would let broken rules through CI.
 */
final class Promtool {

    static final String INSTALL = "sudo apt-get install -y prometheus   (Debian's package ships promtool; .ci/run installs it)";

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        throw new AssertionError("promtool is not installed, so the alert rules cannot be checked. Install it: " + INSTALL);
    }

    static Result run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " took more than 120 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
