package no.carerelay.collaboration.errors;

import java.util.List;

/** Content the domain refuses (a score out of range, an owner that is not a role); each violation names the field. */
public class InvalidInputException extends RuntimeException {

    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super("request has " + violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
