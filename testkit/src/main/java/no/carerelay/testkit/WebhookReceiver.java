package no.carerelay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that plays a municipality's webhook endpoint: it records every request (any path,
 * any method) and answers 204, or whatever {@link #respondWith} says, so a test can make it fail, hang and recover.
 * Thread-safe; every request is handled on its own thread, so a slow answer does not hold up the next request.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with; header names in lower case. */
    public record Received(String path, Map<String, String> headers, byte[] body, Instant receivedAt, int status) {

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Response(int status, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Response response = new Response(204, Duration.ZERO);
    private volatile Duration retryAfter = Duration.ofSeconds(1);

    private WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook receiver could not bind port " + port, e);
        }
        handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a receiver on a free port. */
    public static WebhookReceiver start() {
        return new WebhookReceiver(0);
    }

    /** Starts a receiver on this port (0: a free one). */
    public static WebhookReceiver start(int port) {
        return new WebhookReceiver(port);
    }

    /** The receiver's URL for this path, e.g. {@code url("/hooks/oslo")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** From now on answer every request with this status (default 204); a 429 also carries {@code Retry-After} ({@link #retryAfter}). */
    public void respondWith(int status) {
        respondWith(status, Duration.ZERO);
    }

    /** From now on answer with this status after this delay: a slow receiver, or with a long delay a hanging one. */
    public void respondWith(int status, Duration delay) {
        response = new Response(status, delay);
    }

    /** The {@code Retry-After} a 429 answer carries from now on (default 1 s). */
    public void retryAfter(Duration wait) {
        retryAfter = wait;
    }

    /** Every request so far, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Waits until at least {@code count} requests have arrived; returns all of them.
     *
     * @throws AssertionError listing what did arrive when fewer than {@code count} come within {@code timeout}
     */
    public List<Received> awaitReceived(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " webhooks within " + timeout + ", received " + received.size() + ": "
                        + received.stream().map(r -> r.path() + " " + r.headers().get("webhook-id")).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        // repeated headers are joined with ", " as RFC 9110 allows
        exchange.getRequestHeaders().forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values),
                (first, second) -> first + ", " + second));
        Response answer = response;
        received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(headers), body, Instant.now(), answer.status()));
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                exchange.close(); // closed while hanging: drop the connection, as a dead receiver would
                return;
            }
        }
        if (answer.status() == 429) {
            exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow(); // wakes handlers that are still hanging on purpose
    }
}
