package no.carerelay.benchmarks.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A municipal receiver on 127.0.0.1 that answers 204 at once and completes the waiter registered for the case id in
 * the body, with the arrival time. Unlike testkit's WebhookReceiver it keeps nothing, so a long run stays cheap.
 */
final class LocalReceiver implements AutoCloseable {

    private static final byte[] CASE_ID = "\"caseId\":\"".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "bench-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    final AtomicLong received = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();

    LocalReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Completes with System.nanoTime() when the webhook for this case arrives. */
    CompletableFuture<Long> expect(String caseId) {
        CompletableFuture<Long> arrival = new CompletableFuture<>();
        waiting.put(caseId, arrival);
        return arrival;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        received.incrementAndGet();
        CompletableFuture<Long> arrival = waiting.remove(caseId(body));
        if (arrival == null) {
            duplicates.incrementAndGet(); // a second webhook for the same case, or one nobody waits for
        } else {
            arrival.complete(now);
        }
    }

    private static String caseId(byte[] body) {
        outer:
        for (int i = 0; i + CASE_ID.length + 36 <= body.length; i++) {
            for (int j = 0; j < CASE_ID.length; j++) {
                if (body[i + j] != CASE_ID[j]) {
                    continue outer;
                }
            }
            return new String(body, i + CASE_ID.length, 36, StandardCharsets.US_ASCII);
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
