package no.carerelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for tests: a real HTTP server on 127.0.0.1 serving its JWK set ({@code /jwks}) and OpenID
 * metadata, and RS256 tokens signed with its key, so a service under test validates them exactly as it validates
 * the production issuer's (fetching the key over HTTP). It also makes the tokens a service must refuse: expired,
 * for another audience, from another issuer, signed by a key it never published, HMAC-signed, and unsigned
 * ({@code alg=none}).
 */
public final class TokenIssuer implements AutoCloseable {

    /** The audience every CareRelay service expects (carerelay.security.audience). */
    public static final String AUDIENCE = "carerelay";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;

    private TokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the test issuer's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("test token issuer could not bind a port", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/carerelay";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String metadata = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext("/carerelay/jwks", exchange -> answer(exchange, jwks));
        server.createContext("/carerelay/.well-known/openid-configuration", exchange -> answer(exchange, metadata));
        server.start();
    }

    public static TokenIssuer start() {
        return new TokenIssuer();
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    /** The properties a service needs to trust this issuer. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("carerelay.security.issuer", issuer());
        properties.put("carerelay.security.jwk-set-uri", jwkSetUri());
        properties.put("carerelay.security.audience", AUDIENCE);
        return properties;
    }

    /** A valid token for one role ({@code municipality}, {@code operator}, ...); kommunenummer may be null. */
    public String token(String role, String kommunenummer) {
        return token(role + "-" + (kommunenummer == null ? "user" : kommunenummer), List.of(role), kommunenummer);
    }

    /** A valid token for a named user with the given roles; kommunenummer may be null. */
    public String token(String subject, List<String> roles, String kommunenummer) {
        return sign(claims(subject, roles, kommunenummer).build(), key);
    }

    /** A patient's token as ID-porten would issue it: role {@code patient}, the national ID number in {@code pid}. */
    public String patientToken(String nationalId) {
        return sign(claims("idporten-" + UUID.nameUUIDFromBytes(nationalId.getBytes(StandardCharsets.UTF_8)), List.of("patient"), null)
                .claim("pid", nationalId).claim("org", null).build(), key);
    }

    /** {@code Authorization} header value for {@link #token(String, String)}. */
    public String bearer(String role, String kommunenummer) {
        return "Bearer " + token(role, kommunenummer);
    }

    public String expiredToken(String role, String kommunenummer) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(role + "-user", List.of(role), kommunenummer).issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofHours(1)))).build(), key);
    }

    public String tokenForAudience(String audience, String role, String kommunenummer) {
        return sign(claims(role + "-user", List.of(role), kommunenummer).audience(audience).build(), key);
    }

    public String tokenFromIssuer(String otherIssuer, String role, String kommunenummer) {
        return sign(claims(role + "-user", List.of(role), kommunenummer).issuer(otherIssuer).build(), key);
    }

    /** Right issuer and claims, signed by a key this issuer never published. */
    public String tokenSignedByUnknownKey(String role, String kommunenummer) {
        try {
            return sign(claims(role + "-user", List.of(role), kommunenummer).build(),
                    new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg=none}: claims a service would accept, and no signature at all. */
    public String unsignedToken(String role, String kommunenummer) {
        return new PlainJWT(claims(role + "-user", List.of(role), kommunenummer).build()).serialize();
    }

    /** HS256 with the public key's modulus as the secret: the classic algorithm-confusion attack. */
    public String hmacToken(String role, String kommunenummer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    claims(role + "-user", List.of(role), kommunenummer).build());
            jwt.sign(new MACSigner(key.getModulus().decode()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles, String kommunenummer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .jwtID(UUID.randomUUID().toString()).claim("roles", roles).claim("org", "test-organisation");
        if (kommunenummer != null) {
            claims.claim("kommunenummer", kommunenummer);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
