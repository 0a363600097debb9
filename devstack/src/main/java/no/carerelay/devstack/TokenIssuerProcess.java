package no.carerelay.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import no.carerelay.contracts.EventCodec;
import tools.jackson.databind.JsonNode;

/**
 * The local OAuth2 server (module {@code token-issuer}, Spring Authorization Server) as a process of its own, and a
 * client of it: client_credentials tokens for the demo clients ({@code hospital}, {@code kommune-0301},
 * {@code operator}, ...), cached until shortly before they expire. The services trust it through
 * {@code CARERELAY_SECURITY_*} (see {@link #serviceEnvironment}).
 */
final class TokenIssuerProcess {

    static final String NAME = "token-issuer";
    static final String AUDIENCE = "carerelay";

    private record Cached(String token, Instant refreshAfter) {
    }

    private final int port;
    private final String clientSecret;
    private final HttpClient http;
    private final EventCodec json = new EventCodec();
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();

    TokenIssuerProcess(int port, String clientSecret, HttpClient http) {
        this.port = port;
        this.clientSecret = clientSecret;
        this.http = http;
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    /** The issuer as a process like the services: its exec jar, its port, the demo clients' secret. */
    ServiceProcess process(Path root, String version, Path log) {
        return new ServiceProcess(NAME, port, root.resolve(NAME).resolve("target").resolve(NAME + "-" + version + "-exec.jar"), log,
                Map.of("PORT", Integer.toString(port), "TOKEN_ISSUER_URL", issuer(), "TOKEN_ISSUER_CLIENT_SECRET", clientSecret));
    }

    /** What a service needs to validate this issuer's tokens. */
    Map<String, String> serviceEnvironment() {
        return Map.of("CARERELAY_SECURITY_ISSUER", issuer(), "CARERELAY_SECURITY_JWK_SET_URI", issuer() + "/oauth2/jwks",
                "CARERELAY_SECURITY_AUDIENCE", AUDIENCE);
    }

    /** {@code Authorization} header value for a demo client, from the cache or a fresh client_credentials grant. */
    String bearer(String client) throws IOException, InterruptedException {
        Cached cached = tokens.get(client);
        if (cached == null || Instant.now().isAfter(cached.refreshAfter())) {
            cached = fetch(client);
            tokens.put(client, cached);
        }
        return "Bearer " + cached.token();
    }

    private Cached fetch(String client) throws IOException, InterruptedException {
        // RFC 6749 2.3.1: id and secret are form-encoded before they go into the Basic credentials
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("token-issuer refused client " + client + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode body = json.readTree(response.body());
        long lifetime = body.path("expires_in").asLong(300);
        // a fresh one a minute (or a fifth of the lifetime) before this one runs out
        return new Cached(body.path("access_token").asString(), Instant.now().plusSeconds(lifetime - Math.min(60, lifetime / 5)));
    }
}
