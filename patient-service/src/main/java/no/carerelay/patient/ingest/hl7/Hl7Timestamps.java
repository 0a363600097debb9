package no.carerelay.patient.ingest.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 TS/DTM values, {@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}. Without an offset the time is
 * Norwegian local time (Europe/Oslo), as Norwegian hospital systems send it.
 */
final class Hl7Timestamps {

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private Hl7Timestamps() {
    }

    /** @return empty for an empty value; throws {@link IllegalArgumentException} for one that is not a timestamp */
    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = TS.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HL7 timestamp");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1),
                    number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0),
                    m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000").substring(0, 4)) * 100_000);
            if (m.group(8) == null) {
                return Optional.of(local.atZone(NORWAY).toInstant());
            }
            int sign = m.group(8).charAt(0) == '-' ? -1 : 1;
            int hours = Integer.parseInt(m.group(8).substring(1, 3));
            int minutes = Integer.parseInt(m.group(8).substring(3, 5));
            return Optional.of(local.toInstant(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a possible date and time");
        }
    }

    private static int number(String digits, int absent) {
        return digits == null ? absent : Integer.parseInt(digits);
    }
}
