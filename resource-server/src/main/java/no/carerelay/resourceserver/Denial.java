package no.carerelay.resourceserver;

/**
 * A request refused before it reached a controller: 401 (no token, or one that failed validation) or 403 (a valid
 * token whose roles the endpoint's rule does not name).
 *
 * @param caller null for a 401
 */
public record Denial(String method, String path, int status, String reason, Caller caller) {
}
