package no.carerelay.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerClaimsTest {

    private final CallerClaims claims = new CallerClaims();

    @Test
    void shouldTurnTheTokenIntoACallerWithKnownRolesOnly() {
        Jwt jwt = jwt("kari.nordmann", List.of("municipal-coordinator", "superuser"), "0301");

        Caller caller = CallerClaims.caller(jwt);

        assertThat(caller.userId()).isEqualTo("kari.nordmann");
        assertThat(caller.roles()).containsExactly(Role.MUNICIPAL_COORDINATOR);
        assertThat(caller.municipality()).isEqualTo("0301");
        assertThat(caller.organisation()).isEqualTo("983974899");
        assertThat(claims.validate(jwt).hasErrors()).isFalse();
    }

    @Test
    void shouldReadRolesGivenAsOneSpaceSeparatedString() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("ops").claim("roles", "operator auditor").build();

        assertThat(CallerClaims.roles(jwt)).containsExactlyInAnyOrder(Role.OPERATOR, Role.AUDITOR);
    }

    @Test
    void shouldRefuseAMunicipalRoleWithoutAFourDigitKommunenummer() {
        assertThat(descriptions(jwt("kommune", List.of("municipality"), null))).containsExactly("a municipal role needs a four-digit kommunenummer claim");
        assertThat(descriptions(jwt("kommune", List.of("municipality"), "301"))).hasSize(1);
        assertThat(claims.validate(jwt("ops", List.of("operator"), null)).hasErrors()).isFalse();
    }

    @Test
    void shouldRefuseATokenWithoutAUsableSubjectOrAnyCareRelayRole() {
        assertThat(descriptions(jwt("someone", List.of("admin"), null))).containsExactly("the token's roles claim names no CareRelay role");
        assertThat(descriptions(jwt("has space", List.of("operator"), null))).hasSize(1);
        assertThat(descriptions(jwt("x".repeat(101), List.of("operator"), null))).hasSize(1);
    }

    private List<String> descriptions(Jwt jwt) {
        return claims.validate(jwt).getErrors().stream().map(OAuth2Error::getDescription).toList();
    }

    private static Jwt jwt(String subject, List<String> roles, String kommunenummer) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).claim("roles", roles).claim("org", "983974899")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (kommunenummer != null) {
            builder.claim("kommunenummer", kommunenummer);
        }
        return builder.build();
    }
}
