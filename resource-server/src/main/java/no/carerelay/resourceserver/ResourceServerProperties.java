package no.carerelay.resourceserver;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from and who they must be for ({@code carerelay.security.*}, from the environment in deploy:
 * {@code CARERELAY_SECURITY_ISSUER}, {@code CARERELAY_SECURITY_JWK_SET_URI}, {@code CARERELAY_SECURITY_AUDIENCE}).
 *
 * @param issuer the exact {@code iss} every token must carry
 * @param jwkSetUri the issuer's JWK set; keys are fetched on first use and again when a token names an unknown key
 * @param audience a value the token's {@code aud} must contain
 * @param clockSkew how far past {@code exp} (or before {@code nbf}) a token is still accepted
 */
@ConfigurationProperties("carerelay.security")
public record ResourceServerProperties(String issuer, URI jwkSetUri, String audience, Duration clockSkew) {

    public ResourceServerProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("carerelay.security.issuer (CARERELAY_SECURITY_ISSUER) is required: the iss every token must carry");
        }
        if (jwkSetUri == null) {
            throw new IllegalArgumentException("carerelay.security.jwk-set-uri (CARERELAY_SECURITY_JWK_SET_URI) is required: the issuer's JWK set");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("carerelay.security.audience (CARERELAY_SECURITY_AUDIENCE) is required: tokens for other services are refused");
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
    }
}
