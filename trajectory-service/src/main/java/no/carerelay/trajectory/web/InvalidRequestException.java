package no.carerelay.trajectory.web;

import java.util.List;

/** The request is readable but its content is wrong; each violation names the field and why. */
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
