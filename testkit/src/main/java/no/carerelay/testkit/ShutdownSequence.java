package no.carerelay.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One JVM shutdown hook that stops the infrastructure in order, and only after the Spring contexts are closed.
 *
 * <p>The JVM runs all shutdown hooks at the same time. Stopping the infrastructure in hooks of its own races with
 * Spring Boot's hook, which closes the services' contexts: Spring Modulith then still reads the event publication
 * table and waits out Hikari's 30 s connection timeout for a PostgreSQL that is gone, Kafka consumers wait out
 * their close timeout against a broker that is gone, and Surefire kills the fork 30 s after {@code System.exit}
 * (seen on every service IT here before this class existed). So the hook first waits for Spring's shutdown-hook
 * threads, then stops: test clients, Kafka, PostgreSQL.
 */
final class ShutdownSequence {

    /** Spring contexts close in a few seconds; Surefire kills the fork 30 s after exit, so stay well below. */
    private static final long SPRING_WAIT_MILLIS = 20_000;

    static final int CLIENTS = 1;
    static final int KAFKA = 2;
    static final int POSTGRES = 3;

    private record Step(int order, String name, Runnable action) {
    }

    private static final List<Step> steps = new ArrayList<>();
    private static boolean installed;

    private ShutdownSequence() {
    }

    static synchronized void register(int order, String name, Runnable action) {
        steps.add(new Step(order, name, action));
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSequence::run, "testkit-shutdown"));
            installed = true;
        }
    }

    private static void run() {
        awaitSpringShutdownHooks();
        List<Step> ordered;
        synchronized (ShutdownSequence.class) {
            ordered = new ArrayList<>(steps);
        }
        ordered.sort(Comparator.comparingInt(Step::order));
        for (Step step : ordered) {
            try {
                step.action().run();
            } catch (RuntimeException | LinkageError e) {
                // the JVM is exiting: a server that does not stop cleanly must not hide the test result, nor
                // keep the next one from stopping
                System.err.println("testkit: stopping " + step.name() + " failed: " + e);
            }
        }
    }

    /** Spring Boot's hook thread is "SpringApplicationShutdownHook", a plain context's "SpringContextShutdownHook". */
    private static void awaitSpringShutdownHooks() {
        long deadline = System.currentTimeMillis() + SPRING_WAIT_MILLIS;
        try {
            // the JVM starts the hooks one after the other: give the others a moment to be running before looking
            Thread.sleep(100);
            List<Thread> spring;
            while (!(spring = springShutdownHooks()).isEmpty() && System.currentTimeMillis() < deadline) {
                for (Thread thread : spring) {
                    thread.join(Math.max(1, deadline - System.currentTimeMillis()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Thread> springShutdownHooks() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("Spring") && thread.getName().endsWith("ShutdownHook"))
                .toList();
    }
}
