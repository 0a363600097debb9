package no.carerelay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server that plays a municipality's webhook endpoint and records what arrives. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    public record Received(String path, Map<String, String> headers, byte[] body, Instant receivedAt) {
    }

    private record Response(int status, Duration delay) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Response response = new Response(204, Duration.ZERO);

    private WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook receiver could not bind port " + port, e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver(0);
    }

    public static WebhookReceiver start(int port) {
        return new WebhookReceiver(port);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** From now on answer every request with this status (default 204). */
    public void respondWith(int status) {
        respondWith(status, Duration.ZERO);
    }

    /** From now on answer with this status after this delay: a slow or hanging receiver. */
    public void respondWith(int status, Duration delay) {
        response = new Response(status, delay);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests have arrived; returns all of them. */
    public List<Received> awaitReceived(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " webhooks within " + timeout + ", received " + received.size());
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
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(headers), body, Instant.now()));
        Response answer = response;
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.status() == 429) {
            exchange.getResponseHeaders().add("Retry-After", "1");
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
