package no.carerelay.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the devstack's child processes and makes sure none outlives the launcher.
 * <ul>
 * <li>Each child runs in its own session ({@code setsid}, same pid), so Ctrl-C in the terminal reaches only the
 * launcher, which then stops everything in order: services, Kafka, PostgreSQL.</li>
 * <li>Each child has a pid file in {@code .devstack/run} ({@code <pid> <stop signal> <stop order>}) while it runs.</li>
 * <li>A watchdog shell (reading a pipe from the launcher) stops whatever is still listed when the launcher dies
 * without stopping them, e.g. {@code kill -9}; the next launcher does the same for anything left over before it
 * starts, e.g. when the watchdog was killed too.</li>
 * </ul>
 */
final class ChildProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final File DEV_NULL = new File("/dev/null");

    private final Path runDir;
    private final String marker;
    private final boolean setsid;
    private Process watchdog;
    private boolean stopping;

    /**
     * @param root   the checkout; every child's command line names it, which is how leftovers are recognised
     * @param runDir where the pid files live
     */
    ChildProcesses(Path root, Path runDir) throws IOException {
        this.runDir = runDir;
        this.marker = root.toString() + File.separator;
        this.setsid = Files.isExecutable(SETSID);
        Files.createDirectories(runDir);
    }

    /**
     * Stops processes an earlier devstack from this checkout left running (it and its watchdog were killed with -9,
     * say), in stop order like the watchdog.
     */
    void stopLeftovers() throws IOException, InterruptedException {
        for (int order = 1; order <= 2; order++) {
            List<ProcessHandle> stopping = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "*.pid")) {
                for (Path file : files) {
                    String[] fields = Files.readString(file).trim().split("\\s+");
                    if ((fields.length > 2 ? Integer.parseInt(fields[2]) : 1) != order) {
                        continue;
                    }
                    String name = file.getFileName().toString().replace(".pid", "");
                    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]));
                    if (process.isPresent() && process.get().isAlive() && commandLine(process.get()).contains(marker)) {
                        Console.line("devstack", "stopping %s (pid %d), left running by an earlier devstack", name, process.get().pid());
                        signal(process.get(), fields.length > 1 ? fields[1] : "TERM");
                        stopping.add(process.get());
                    }
                    Files.delete(file);
                }
            }
            for (ProcessHandle process : stopping) {
                awaitExit(process, 15);
            }
        }
    }

    /** The watchdog described above. Without {@code sh} (not Linux?) there is none; then only the next start cleans up. */
    void startWatchdog() {
        try (InputStream in = ChildProcesses.class.getResourceAsStream("watchdog.sh")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            watchdog = new ProcessBuilder("sh", "-c", script, "devstack-watchdog", Long.toString(ProcessHandle.current().pid()),
                    runDir.toString(), marker)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            Console.line("devstack", "no watchdog (%s): if the launcher is killed hard, the next start stops what it left", e.getMessage());
        }
    }

    /**
     * Starts a child with stdout and stderr appended to {@code log} and stdin from /dev/null.
     *
     * @param stopSignal what stops it gracefully should the watchdog or the next launcher have to (TERM, INT)
     * @param stopOrder  1 for what must stop first (the services), 2 for what they need until then (Kafka, PostgreSQL)
     */
    synchronized Process start(String name, List<String> command, Map<String, String> environment, Path log, String stopSignal,
            int stopOrder) throws IOException {
        if (stopping) {
            throw new IllegalStateException("stopping: not starting " + name);
        }
        List<String> line = new ArrayList<>();
        if (setsid) {
            line.add(SETSID.toString());
        }
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        track(name, process.pid(), stopSignal, stopOrder);
        return process;
    }

    /** Lists a process someone else started (the PostgreSQL postmaster) for the watchdog. */
    void track(String name, long pid, String stopSignal, int stopOrder) {
        try {
            Files.writeString(runDir.resolve(name + ".pid"), pid + " " + stopSignal + " " + stopOrder + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process has stopped (or is about to be stopped by its owner): the watchdog need not care any more. */
    void untrack(String name) {
        try {
            Files.deleteIfExists(runDir.resolve(name + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on nothing new starts: the shutdown has begun. */
    synchronized void refuseNewProcesses() {
        stopping = true;
    }

    /** After everything has been stopped: lets the watchdog go. */
    void closeWatchdog() {
        if (watchdog == null) {
            return;
        }
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (IOException e) {
            watchdog.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
        }
    }

    /**
     * Stops a child: the signal, up to {@code graceSeconds} to exit, then SIGKILL.
     *
     * @return whether it exited by itself
     */
    static boolean stop(ProcessHandle process, String signal, int graceSeconds) throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        signal(process, signal);
        return awaitExit(process, graceSeconds);
    }

    private static boolean awaitExit(ProcessHandle process, int graceSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (process.isAlive() && System.nanoTime() < killDeadline) {
                Thread.sleep(50);
            }
            return false;
        }
        return true;
    }

    private static void signal(ProcessHandle process, String signal) {
        if ("TERM".equals(signal)) {
            process.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return process.info().commandLine().orElse("");
    }
}
