package no.carerelay.trajectory.pathway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An NPR pathway code split into pathway prefix and event suffix, e.g. {@code A12CK} = {@code A12} + {@code CK}. */
public record NprCode(String pathway, EventSuffix suffix) {

    private static final Pattern CODE = Pattern.compile("(A[0-9]{2}|B01|C01)(A|S|O|CK|CM|CA|CI|FK|FM|FS|FL|FO|FI|X)");

    public static Optional<NprCode> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(code);
        return matcher.matches() ? Optional.of(new NprCode(matcher.group(1), EventSuffix.valueOf(matcher.group(2)))) : Optional.empty();
    }

    @Override
    public String toString() {
        return pathway + suffix.name();
    }
}
