package no.carerelay.devstack;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line flags. {@code --no-build} is the script's; it is accepted here too so that the same arguments can be
 * passed through unchanged.
 */
record Options(boolean feed, Duration feedInterval, Duration startupTimeout, Set<String> skip, boolean clean, boolean help) {

    static final String USAGE = """
            Usage: ./devstack/run [options]

              --no-build            do not run the Maven build first (the jars must exist)
              --no-feed             do not start the demo hospital feed
              --feed-interval=3s    time between demo discharge-ready notices (ms, s, m; default 3s)
              --skip=SERVICE[,..]   do not start these services (patient, trajectory, collaboration, notification),
                                    e.g. to run one from your IDE against the devstack's Kafka and PostgreSQL
              --timeout=120s        how long each service may take to become ready
              --clean               delete the Kafka and PostgreSQL data in .devstack first (keeps the keys)
              -h, --help            this text
            """;

    static Options parse(List<String> args) {
        boolean feed = true;
        boolean clean = false;
        boolean help = false;
        Duration interval = Duration.ofSeconds(3);
        Duration timeout = Duration.ofSeconds(120);
        Set<String> skip = new LinkedHashSet<>();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--no-build" -> { }
                case "--no-feed" -> feed = false;
                case "--clean" -> clean = true;
                case "-h", "--help" -> help = true;
                case "--feed-interval" -> interval = duration(name, value);
                case "--timeout" -> timeout = duration(name, value);
                case "--skip" -> {
                    for (String service : required(name, value).split(",")) {
                        skip.add(serviceName(service.trim()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("--feed-interval must be at least 100ms");
        }
        return new Options(feed, interval, timeout, Set.copyOf(skip), clean, help);
    }

    private static String serviceName(String name) {
        String full = name.endsWith("-service") ? name : name + "-service";
        if (!ServiceProcess.NAMES.contains(full)) {
            throw new IllegalArgumentException("--skip: no service called '" + name + "' (one of " + ServiceProcess.NAMES + ")");
        }
        return full;
    }

    static Duration duration(String option, String value) {
        String text = required(option, value).trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a duration: '" + value + "' (e.g. 500ms, 3s, 2m)");
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " needs a value, e.g. " + option + "=3s");
        }
        return value;
    }
}
