package no.carerelay.benchmarks.load;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens for the load generator's callers (the {@code hospital} and {@code operator} demo clients of
 * devstack's token-issuer), from the client_credentials grant, cached until shortly before they expire: the
 * benchmark pays for a token now and then, as a real hospital integration would, not per request.
 */
final class DemoTokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private record Cached(String bearer, Instant refreshAfter) {
    }

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientSecret;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    DemoTokens(HttpClient http, String tokenUrl, String clientSecret) {
        this.http = http;
        this.tokenUrl = URI.create(tokenUrl);
        this.clientSecret = clientSecret;
    }

    /** devstack's generated secret, or null when there is no devstack state here (then --client-secret is needed). */
    static String devstackSecret(Path keys) {
        if (!Files.isRegularFile(keys)) {
            return null;
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(keys)) {
            values.load(reader);
        } catch (IOException e) {
            return null;
        }
        return values.getProperty("token-issuer.client-secret");
    }

    /** {@code Authorization} header value for a demo client. */
    String bearer(String client) throws IOException, InterruptedException {
        Cached cached = cache.get(client);
        if (cached == null || Instant.now().isAfter(cached.refreshAfter())) {
            cached = fetch(client);
            cache.put(client, cached);
        }
        return cached.bearer();
    }

    private Cached fetch(String client) throws IOException, InterruptedException {
        if (clientSecret == null) {
            throw new IllegalStateException("no client secret for the token issuer: pass --client-secret (devstack keeps it in .devstack/keys.properties)");
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IOException("token endpoint " + tokenUrl + " refused client " + client + ": " + response.statusCode() + " " + response.body());
        }
        Matcher expires = EXPIRES_IN.matcher(response.body());
        long lifetime = expires.find() ? Long.parseLong(expires.group(1)) : 300;
        return new Cached("Bearer " + token.group(1), Instant.now().plusSeconds(lifetime - Math.min(60, lifetime / 5)));
    }
}
