package no.carerelay.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

import no.carerelay.testkit.StandardWebhooks;

/**
 * Plays the municipalities: one webhook endpoint per kommunenummer ({@code /hooks/<kommunenummer>}), verifying
 * every Standard Webhooks signature and recording when each patient's first handover arrived (System.nanoTime,
 * the same clock the hospital side uses: both run in this JVM).
 */
final class MunicipalReceiver implements AutoCloseable {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, String> secrets;
    /** pseudonym -> System.nanoTime() of each handover webhook for that patient, in arrival order */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong repeatedWebhookIds = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong wrongMunicipality = new AtomicLong();

    MunicipalReceiver(int port, Map<String, String> secretsByMunicipality) throws IOException {
        this.secrets = Map.copyOf(secretsByMunicipality);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/hooks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static String url(int port, String municipality) {
        return "http://127.0.0.1:" + port + "/hooks/" + municipality;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String municipality = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String secret = secrets.get(municipality);
            Map<String, String> headers = new HashMap<>();
            for (String name : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            if (secret == null || !StandardWebhooks.verify(secret, headers, body, TOLERANCE)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            received.incrementAndGet();
            if (!webhookIds.add(headers.get("webhook-id"))) {
                repeatedWebhookIds.incrementAndGet();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (!text.contains("\"municipality\":\"" + municipality + "\"")) {
                wrongMunicipality.incrementAndGet();
            }
            String pseudonym = field(text, "patientPseudonym");
            if (pseudonym != null) {
                arrivals.computeIfAbsent(pseudonym, key -> new CopyOnWriteArrayList<>()).add(now);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The body's first {@code "name":"value"}; enough for our own flat payloads, and cheap. */
    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /** Each patient's handover webhooks in arrival order; a patient with several stays has several. */
    Map<String, List<Long>> arrivalsByPseudonym() {
        return arrivals;
    }

    long received() {
        return received.get();
    }

    long repeatedWebhookIds() {
        return repeatedWebhookIds.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    long wrongMunicipality() {
        return wrongMunicipality.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
