package no.carerelay.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import no.carerelay.contracts.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * A municipality's system as far as CareRelay can see it: {@code POST /webhooks/<kommunenummer>} on 127.0.0.1:8090
 * checks the Standard Webhooks signature with that municipality's secret, prints one line per webhook and answers
 * 204 (401 when the signature is wrong, 404 for an unknown municipality).
 */
final class DemoReceiver implements AutoCloseable {

    static final int PORT = 8090;
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Map<String, String> secrets;
    private final EventCodec json = new EventCodec();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger received = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    /** @param secrets the {@code whsec_} secret per kommunenummer */
    DemoReceiver(Map<String, String> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 50);
        server.createContext("/webhooks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static String url(String municipality) {
        return "http://127.0.0.1:" + PORT + "/webhooks/" + municipality;
    }

    int received() {
        return received.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String municipality = exchange.getRequestURI().getPath().substring("/webhooks/".length());
            String secret = secrets.get(municipality);
            if (!"POST".equals(exchange.getRequestMethod()) || secret == null) {
                exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 404 : 405, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean verified = WebhookSignature.verify(secret, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, TOLERANCE);
            received.incrementAndGet();
            Console.line("receiver " + municipality, "%s verified=%s %s%s", LocalTime.now().format(CLOCK),
                    verified ? "yes" : "NO", describe(body), id != null && !seenIds.add(id) ? " (again: same webhook-id)" : "");
            exchange.sendResponseHeaders(verified ? 204 : 401, -1);
        }
    }

    /** Event type, municipality, case and pseudonym; nothing else of the payload is printed. */
    private String describe(byte[] body) {
        try {
            JsonNode event = json.readTree(body);
            JsonNode data = event.path("data");
            return "%s municipality=%s case=%s pseudonym=%s".formatted(text(event, "type"), text(data, "municipality"),
                    text(data, "caseId"), text(data, "patientPseudonym"));
        } catch (RuntimeException e) {
            return "(body is not JSON: " + body.length + " bytes)";
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asString() : "-";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
