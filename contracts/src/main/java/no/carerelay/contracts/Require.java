package no.carerelay.contracts;

import java.util.regex.Pattern;

/** Invariants the records enforce on construction, so a record that exists is a record the schema accepts. */
public final class Require {

    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    public static String kommunenummer(String value, String field) {
        if (value == null || !KOMMUNENUMMER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a four-digit kommunenummer");
        }
        return value;
    }

    public static String pseudonym(String value) {
        if (value == null || !PSEUDONYM.matcher(value).matches()) {
            throw new IllegalArgumentException("patientPseudonym must be 16-64 characters of [A-Za-z0-9_-]");
        }
        return value;
    }
}
