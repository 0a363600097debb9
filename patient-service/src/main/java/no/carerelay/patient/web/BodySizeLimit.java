package no.carerelay.patient.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses JSON ingest bodies over the limit before anything reads them (413, problem+json). An ADT notice is a
 * few hundred bytes; a megabyte is a mistake or an attack. The FHIR channel enforces its own limit while reading.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    BodySizeLimit(@Value("${carerelay.patient.max-body-bytes:65536}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes || (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding")))) {
            response.setStatus(length > maxBytes ? 413 : 411);
            response.setHeader("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            String body = length > maxBytes
                    ? "{\"type\":\"https://carerelay.no/problems/too-large\",\"title\":\"Request body too large\",\"status\":413,"
                            + "\"detail\":\"The body may be at most " + maxBytes + " bytes.\"}"
                    : "{\"type\":\"https://carerelay.no/problems/length-required\",\"title\":\"Length required\",\"status\":411,"
                            + "\"detail\":\"Send the body with a Content-Length header.\"}";
            response.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
