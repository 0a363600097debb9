package no.carerelay.collaboration.web;

import java.util.regex.Pattern;

final class Pseudonyms {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private Pseudonyms() {
    }

    static boolean valid(String pseudonym) {
        return pseudonym != null && PSEUDONYM.matcher(pseudonym).matches();
    }

    static String require(String pseudonym, String field) {
        if (!valid(pseudonym)) {
            throw InvalidRequestException.of(field, "must be a patient pseudonym: 16-64 characters of [A-Za-z0-9_-]");
        }
        return pseudonym;
    }
}
