package no.carerelay.collaboration.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Until the security issue brings OAuth2 (HelseID), the acting user and municipality come from two request
 * headers that a trusted gateway sets. This is the only class that knows that: a JWT-based resolver reading the
 * same two facts from the token's claims replaces it without touching the controllers.
 */
@Component
public class HeaderActorResolver implements HandlerMethodArgumentResolver {

    public static final String USER_HEADER = "X-CareRelay-User";
    public static final String MUNICIPALITY_HEADER = "X-CareRelay-Municipality";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String user = request.getHeader(USER_HEADER);
        String municipality = request.getHeader(MUNICIPALITY_HEADER);
        List<String> problems = new ArrayList<>();
        if (user == null || user.isBlank()) {
            problems.add(USER_HEADER + " is required");
        } else if (!USER.matcher(user).matches()) {
            problems.add(USER_HEADER + " must be 1-100 characters of [A-Za-z0-9._@-]");
        }
        if (municipality != null && !KOMMUNENUMMER.matcher(municipality).matches()) {
            problems.add(MUNICIPALITY_HEADER + " must be a four-digit kommunenummer");
        }
        if (!problems.isEmpty()) {
            throw new UnidentifiedActorException(problems);
        }
        return new Actor(user, municipality);
    }
}
