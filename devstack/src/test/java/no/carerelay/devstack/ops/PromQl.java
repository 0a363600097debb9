package no.carerelay.devstack.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a parser: it removes what cannot be a metric name (comments, strings,
 * label matchers, ranges, the label lists of by/without/on/ignoring/group_*, Grafana variables) and keeps the
 * identifiers that are neither a function call nor a keyword. Good enough for the expressions in deploy/, and
 * {@code PromQlTest} pins what it must find.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
            "or", "unless", "offset", "inf", "nan", "atan2", "start", "end");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]*)(,[^)]*)?\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w:])(\\s*\\()?");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String text = LABEL_VALUES.matcher(expression).replaceAll("$1");
        text = STRING.matcher(text).replaceAll("\"\"");
        text = text.replaceAll("#[^\n]*", " ");
        text = text.replaceAll("\\{[^}]*}", " ");
        text = text.replaceAll("\\[[^]]*]", " ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        text = text.replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            boolean call = matcher.group(2) != null;
            if (!call && !KEYWORDS.contains(name.toLowerCase()) && !isDuration(name, text, matcher.start(1))) {
                names.add(name);
            }
        }
        return names;
    }

    /** "5m" after "offset " is split by the identifier pattern into "m": skip identifiers glued to a number. */
    private static boolean isDuration(String name, String text, int start) {
        return start > 0 && Character.isDigit(text.charAt(start - 1));
    }
}
