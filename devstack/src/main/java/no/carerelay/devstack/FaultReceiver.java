package no.carerelay.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import no.carerelay.contracts.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * The municipalities' webhook endpoint in a fault run: records every verified delivery by patient pseudonym and
 * webhook-id, and can go away (its socket closed: connection refused) and come back on the same port.
 */
final class FaultReceiver implements AutoCloseable {

    record Delivery(String webhookId, String caseId, String municipality, long atNanos) {
    }

    private final int port;
    private final Map<String, String> secrets;
    private final EventCodec json = new EventCodec();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, List<Delivery>> byPseudonym = new ConcurrentHashMap<>();
    private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile long lastArrivalNanos = System.nanoTime();
    private HttpServer server;

    FaultReceiver(int port, Map<String, String> secretsByMunicipality) throws IOException {
        this.port = port;
        this.secrets = Map.copyOf(secretsByMunicipality);
        up();
    }

    String url(String municipality) {
        return "http://127.0.0.1:" + port + "/hooks/" + municipality;
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/hooks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String municipality = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String secret = secrets.get(municipality);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (secret == null || !WebhookSignature.verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, Duration.ofMinutes(10))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            posts.incrementAndGet();
            lastArrivalNanos = System.nanoTime();
            if (webhookIds.add(id)) {
                JsonNode data = json.readTree(body).path("data");
                String pseudonym = data.path("patientPseudonym").asString();
                byPseudonym.computeIfAbsent(pseudonym, p -> new CopyOnWriteArrayList<>())
                        .add(new Delivery(id, data.path("caseId").asString(), municipality, System.nanoTime()));
            }
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    Map<String, List<Delivery>> deliveriesByPseudonym() {
        return byPseudonym;
    }

    long posts() {
        return posts.get();
    }

    long distinctWebhooks() {
        return webhookIds.size();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    double secondsSinceLastArrival() {
        return (System.nanoTime() - lastArrivalNanos) / 1e9;
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
