package no.carerelay.notification.web;

import java.util.List;

/** The request is well-formed JSON but its content is wrong; each violation names the field. */
class InvalidRequestException extends RuntimeException {

    record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    InvalidRequestException(List<Violation> violations) {
        super("request has " + violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return violations;
    }
}
