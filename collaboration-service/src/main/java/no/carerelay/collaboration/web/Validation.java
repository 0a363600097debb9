package no.carerelay.collaboration.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects every violation of a request before answering, so a caller fixes them all at once. */
final class Validation {

    private final List<InvalidRequestException.Violation> violations = new ArrayList<>();

    Validation require(boolean valid, String field, String message) {
        if (!valid) {
            violations.add(new InvalidRequestException.Violation(field, message));
        }
        return this;
    }

    Validation text(String value, String field, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            return require(!required, field, "is required and must not be blank");
        }
        return require(value.length() <= maxLength, field, "must be at most " + maxLength + " characters");
    }

    Validation notBefore(LocalDate value, LocalDate earliest, String field) {
        return require(value == null || !value.isBefore(earliest), field, "must not be before today (" + earliest + ")");
    }

    Validation page(int page, int size) {
        require(page >= 0, "page", "must be 0 or more");
        return require(size >= 1 && size <= 200, "size", "must be between 1 and 200");
    }

    <E extends Enum<E>> Validation oneOf(String value, Class<E> type, String field) {
        if (value != null) {
            try {
                Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                violations.add(new InvalidRequestException.Violation(field, "must be one of " + Set.of(type.getEnumConstants())));
            }
        }
        return this;
    }

    void orThrow() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
