package no.carerelay.tokenissuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The issuer as devstack runs it: client_credentials tokens with the CareRelay claims, verifiable with its JWK set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=token-issuer", "carerelay.token-issuer.client-secret=" + TokenIssuerIT.SECRET,
                "carerelay.token-issuer.issuer=" })
class TokenIssuerIT {

    static final String SECRET = "a-test-secret-of-some-length";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldIssueAMunicipalityTokenWithItsRoleKommunenummerAndAudience() throws Exception {
        Jwt token = decode(accessToken("kommune-0301", SECRET));

        assertThat(token.getSubject()).isEqualTo("kommune-0301");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("municipality");
        assertThat(token.getClaimAsString("kommunenummer")).isEqualTo("0301");
        assertThat(token.getAudience()).containsExactly("carerelay");
        assertThat(token.getIssuer().toString()).isEqualTo("http://localhost:" + port);
        assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt().plusSeconds(3000));
    }

    @Test
    void shouldIssueEveryDemoRole() throws Exception {
        for (var client : List.of(List.of("hospital", "hospital-system"), List.of("koordinator-4601", "municipal-coordinator"),
                List.of("forlopskoordinator", "pathway-coordinator"), List.of("operator", "operator"), List.of("auditor", "auditor"))) {
            assertThat(decode(accessToken(client.get(0), SECRET)).getClaimAsStringList("roles")).as(client.get(0)).containsExactly(client.get(1));
        }
        assertThat(decode(accessToken("operator", SECRET)).getClaims()).doesNotContainKey("kommunenummer");
    }

    @Test
    void shouldRefuseAWrongSecretAndAnUnknownClient() throws Exception {
        assertThat(tokenResponse("kommune-0301", "wrong-secret-wrong-secret").statusCode()).isEqualTo(401);
        assertThat(tokenResponse("kommune-9999", SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldKeepEverythingButTheOAuthEndpointsAndProbesClosed() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/anything")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(401, 403);
    }

    private Jwt decode(String token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://localhost:" + port));
        return decoder.decode(token);
    }

    private String accessToken(String client, String secret) throws Exception {
        HttpResponse<String> response = tokenResponse(client, secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> tokenResponse(String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
