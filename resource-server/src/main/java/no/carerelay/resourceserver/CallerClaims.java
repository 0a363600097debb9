package no.carerelay.resourceserver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The CareRelay claims of a token: {@code sub}, {@code roles} (array, or one space-separated string), {@code org}
 * and {@code kommunenummer}. As a validator it refuses a token whose claims we could not act on, so a controller
 * never sees a caller without a usable id, role or (for municipal roles) municipality.
 */
final class CallerClaims implements OAuth2TokenValidator<Jwt> {

    static final String ROLES = "roles";
    static final String ORGANISATION = "org";
    static final String MUNICIPALITY = "kommunenummer";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@:-]{1,100}");
    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");

    static Caller caller(Jwt jwt) {
        return new Caller(jwt.getSubject(), roles(jwt), jwt.getClaimAsString(ORGANISATION), jwt.getClaimAsString(MUNICIPALITY));
    }

    static Set<Role> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES);
        Collection<?> values = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? List.of(text.trim().split("\\s+")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values.forEach(value -> Role.fromClaim(String.valueOf(value)).ifPresent(roles::add));
        return roles;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<OAuth2Error> problems = new ArrayList<>();
        String subject = jwt.getSubject();
        if (subject == null || !USER.matcher(subject).matches()) {
            problems.add(invalid("the token's sub must be 1-100 characters of [A-Za-z0-9._@:-]"));
        }
        Set<Role> roles = roles(jwt);
        if (roles.isEmpty()) {
            problems.add(invalid("the token's roles claim names no CareRelay role"));
        }
        String municipality = jwt.getClaimAsString(MUNICIPALITY);
        if (roles.stream().anyMatch(Role::actsForMunicipality) && (municipality == null || !KOMMUNENUMMER.matcher(municipality).matches())) {
            problems.add(invalid("a municipal role needs a four-digit kommunenummer claim"));
        }
        return problems.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(problems);
    }

    private static OAuth2Error invalid(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
    }
}
