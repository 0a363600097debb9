package no.carerelay.resourceserver;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Answers refused requests as problem+json (401 with the {@code WWW-Authenticate: Bearer} challenge, or 403),
 * counts them ({@code carerelay_access_denied_total{status}}) and tells every {@link DenialListener}. The detail
 * names what was wrong with the token or which roles the endpoint wants; it never echoes the token.
 */
final class DenialHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(DenialHandlers.class);

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final List<DenialListener> listeners;
    private final MeterRegistry meters;

    DenialHandlers(List<DenialListener> listeners, MeterRegistry meters) {
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
        // both series from the start, at zero: a rate over them works from the first refusal, and dashboards see them
        meters.counter("carerelay.access.denied", "status", "401");
        meters.counter("carerelay.access.denied", "status", "403");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal) throws IOException {
        challenge.commence(request, response, refusal);
        String detail = refusal instanceof OAuth2AuthenticationException invalid && invalid.getError().getDescription() != null
                ? "the bearer token was refused: " + invalid.getError().getDescription()
                : "this API needs a bearer token (Authorization: Bearer <JWT>) from the CareRelay token issuer";
        ProblemWriter.write(response, 401, "unauthenticated", "Authentication required", detail, request.getRequestURI());
        tell(new Denial(request.getMethod(), request.getRequestURI(), 401, detail, null));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal) throws IOException {
        Caller caller = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? CallerClaims.caller(token.getToken()) : null;
        String detail = caller == null ? "access denied"
                : "the role(s) [" + caller.roleNames() + "] may not " + request.getMethod() + " " + request.getRequestURI();
        ProblemWriter.write(response, 403, "forbidden", "Forbidden", detail, request.getRequestURI());
        tell(new Denial(request.getMethod(), request.getRequestURI(), 403, detail, caller));
    }

    private void tell(Denial denial) {
        meters.counter("carerelay.access.denied", "status", Integer.toString(denial.status())).increment();
        for (DenialListener listener : listeners) {
            try {
                listener.denied(denial);
            } catch (RuntimeException e) {
                log.error("denial listener {} failed for {} {}", listener.getClass().getSimpleName(), denial.method(), denial.path(), e);
            }
        }
    }
}
