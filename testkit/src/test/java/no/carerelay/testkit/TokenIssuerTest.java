package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** The test issuer publishes the key its good tokens verify with, and its bad tokens are bad in exactly one way. */
class TokenIssuerTest {

    private static TokenIssuer issuer;
    private static RSAKey published;

    @BeforeAll
    static void fetchThePublishedKey() throws Exception {
        issuer = TokenIssuer.start();
        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.jwkSetUri())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        published = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void shouldSignGoodTokensWithThePublishedKeyAndTheCareRelayClaims() throws Exception {
        SignedJWT token = SignedJWT.parse(issuer.token("municipality", "0301"));

        assertThat(token.verify(verifier())).isTrue();
        assertThat(token.getHeader().getKeyID()).isEqualTo(published.getKeyID());
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(TokenIssuer.AUDIENCE);
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("municipality");
        assertThat(token.getJWTClaimsSet().getStringClaim("kommunenummer")).isEqualTo("0301");
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void shouldMakeEachBadTokenBadInOneWayOnly() throws Exception {
        assertThat(SignedJWT.parse(issuer.expiredToken("operator", null)).getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
        assertThat(SignedJWT.parse(issuer.expiredToken("operator", null)).verify(verifier())).isTrue();
        assertThat(SignedJWT.parse(issuer.tokenForAudience("other", "operator", null)).getJWTClaimsSet().getAudience()).containsExactly("other");
        assertThat(SignedJWT.parse(issuer.tokenFromIssuer("https://x.example", "operator", null)).getJWTClaimsSet().getIssuer())
                .isEqualTo("https://x.example");
        assertThat(SignedJWT.parse(issuer.tokenSignedByUnknownKey("operator", null)).verify(verifier())).isFalse();
        assertThat(JWTParser.parse(issuer.unsignedToken("operator", null))).isInstanceOf(PlainJWT.class);
        assertThatThrownBy(() -> SignedJWT.parse(issuer.hmacToken("operator", null)).verify(verifier()))
                .hasMessageContaining("HS256");
    }

    private static JWSVerifier verifier() throws Exception {
        return new RSASSAVerifier(published);
    }
}
