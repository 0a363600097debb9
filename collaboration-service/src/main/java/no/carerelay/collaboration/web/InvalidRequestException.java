package no.carerelay.collaboration.web;

import java.util.List;

/** The request is well-formed but its content is wrong; each violation names the field or parameter. */
class InvalidRequestException extends RuntimeException {

    record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    InvalidRequestException(List<Violation> violations) {
        super("request has " + violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new Violation(field, message)));
    }

    List<Violation> violations() {
        return violations;
    }
}
