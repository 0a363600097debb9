package no.carerelay.tokenissuer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo clients ({@code carerelay.token-issuer.*}): each client id gets client_credentials tokens with its roles
 * and, for municipal roles, its kommunenummer. One secret for all of them: this issuer exists for a developer's
 * machine, and devstack generates the secret into its git-ignored key file.
 *
 * @param issuer the iss of every token, and where the services find the JWK set ({issuer}/oauth2/jwks); blank takes
 *        it from each request's URL
 */
@ConfigurationProperties("carerelay.token-issuer")
record DemoClients(String issuer, String clientSecret, String audience, Duration tokenLifetime, Map<String, Client> clients) {

    /** One demo client: its roles (claim values), and the kommunenummer and organisation the token carries. */
    record Client(List<String> roles, String kommunenummer, String organisation) {
    }

    DemoClients {
        if (clientSecret == null || clientSecret.length() < 16) {
            throw new IllegalArgumentException("carerelay.token-issuer.client-secret (TOKEN_ISSUER_CLIENT_SECRET) must be set, 16 characters or more");
        }
        if (clients == null || clients.isEmpty()) {
            throw new IllegalArgumentException("carerelay.token-issuer.clients names no client");
        }
        clients.forEach((id, client) -> {
            if (client.roles() == null || client.roles().isEmpty()) {
                throw new IllegalArgumentException("demo client " + id + " has no roles");
            }
        });
        if (audience == null || audience.isBlank()) {
            audience = "carerelay";
        }
        if (tokenLifetime == null) {
            tokenLifetime = Duration.ofHours(1);
        }
    }
}
