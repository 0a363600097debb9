package no.carerelay.devstack;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress lines on stdout, each stamped with the seconds since {@code ./devstack/run} started (the script passes its
 * start time in {@code DEVSTACK_STARTED_AT_MS}; without it, since this JVM started).
 */
final class Console {

    private static final long STARTED_AT_MS = startedAt();
    private static final PrintStream OUT = System.out;

    private Console() {
    }

    static void line(String source, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        synchronized (OUT) {
            OUT.printf(Locale.ROOT, "[%6.1fs] %-22s %s%n", elapsedSeconds(), source, text);
        }
    }

    /** Text as is, e.g. a log tail. */
    static void raw(String text) {
        synchronized (OUT) {
            OUT.println(text);
        }
    }

    static double elapsedSeconds() {
        return (System.currentTimeMillis() - STARTED_AT_MS) / 1000.0;
    }

    private static long startedAt() {
        String fromScript = System.getenv("DEVSTACK_STARTED_AT_MS");
        if (fromScript != null && fromScript.matches("[0-9]{10,16}")) {
            return Long.parseLong(fromScript);
        }
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
    }
}
