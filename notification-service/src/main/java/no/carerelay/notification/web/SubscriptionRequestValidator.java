package no.carerelay.notification.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.carerelay.contracts.EventTypes;
import no.carerelay.notification.config.NotificationProperties;
import no.carerelay.notification.subscription.WebhookSecret;

/** Checks a subscription request field by field; in production only https receivers outside loopback. */
@Component
class SubscriptionRequestValidator {

    private final boolean allowInsecureUrls;

    SubscriptionRequestValidator(NotificationProperties properties) {
        this.allowInsecureUrls = properties.allowInsecureUrls();
    }

    void validate(SubscriptionRequest request) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        if (request.municipality() == null || !request.municipality().matches("[0-9]{4}")) {
            violations.add(new InvalidRequestException.Violation("municipality", "must be a four-digit kommunenummer"));
        }
        endpointProblems(request, violations);
        if (request.secret() != null && !WebhookSecret.isValid(request.secret())) {
            violations.add(new InvalidRequestException.Violation("secret", "must be whsec_ followed by base64 of 24-64 bytes"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    /** An update keeps the municipality (a municipality only ever receives its own residents' events) and the secret. */
    void validateUpdate(SubscriptionRequest request, String municipality) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        if (request.municipality() != null && !request.municipality().equals(municipality)) {
            violations.add(new InvalidRequestException.Violation("municipality", "cannot change; create a subscription for the other municipality"));
        }
        endpointProblems(request, violations);
        if (request.secret() != null) {
            violations.add(new InvalidRequestException.Violation("secret", "changes only by rotation (POST .../secret)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    void validateSecret(String secret) {
        if (secret != null && !WebhookSecret.isValid(secret)) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("secret", "must be whsec_ followed by base64 of 24-64 bytes")));
        }
    }

    private void endpointProblems(SubscriptionRequest request, List<InvalidRequestException.Violation> violations) {
        String urlProblem = urlProblem(request.url());
        if (urlProblem != null) {
            violations.add(new InvalidRequestException.Violation("url", urlProblem));
        }
        if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
            violations.add(new InvalidRequestException.Violation("eventTypes", "must list at least one event type"));
        } else {
            for (String type : request.eventTypes()) {
                if (type == null || EventTypes.byName(type).isEmpty()) {
                    violations.add(new InvalidRequestException.Violation("eventTypes",
                            "unknown event type; known: " + EventTypes.ALL.stream().map(t -> t.name()).toList()));
                    break;
                }
            }
        }
    }

    private String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > 2000) {
            return "must be at most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute http(s) URL with a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials";
        }
        if (!allowInsecureUrls) {
            if (!scheme.equals("https")) {
                return "must use https";
            }
            if (isLoopback(uri.getHost())) {
                return "must not point at this machine";
            }
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // literal addresses only: no DNS lookup on the request path
        if (host.matches("[0-9.]+") || host.startsWith("[")) {
            try {
                return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
