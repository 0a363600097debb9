package no.carerelay.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The load generator's command line; every option has a default that targets a local {@code ./devstack/run}. */
record LoadOptions(
        double rate,
        Duration duration,
        Duration warmup,
        Map<Channel, Integer> mix,
        int municipalities,
        int concurrency,
        String patientUrl,
        String notificationUrl,
        String mllpHost,
        int mllpPort,
        int receiverPort,
        String patientDatabase,
        String databaseUser,
        String databasePassword,
        String bootstrapServers,
        boolean ceiling,
        Duration drainTimeout,
        Path output,
        Path synthea,
        String tokenUrl,
        String clientSecret) {

    enum Channel { JSON, FHIR, HL7 }

    static final String USAGE = """
            Usage: ./benchmarks/run-load [options]      (starts ./devstack/run --no-feed unless --external)

              --rate=500            discharge-ready notices per second; 0 = as fast as the senders can go
              --duration=60s        measured time (ms, s, m); the issue's sustained run is --duration=5m
              --warmup=3m           unmeasured load first (JIT, connection pools, topic leaders): with the whole
                                    platform on two cores, throughput climbs for about three minutes
              --mix=json:1,fhir:1,hl7:1   share of patients per channel; FHIR and HL7 patients get admit,
                                    discharge-ready and discharge, JSON patients the discharge-ready notice only
              --municipalities=20   real kommunenummer the patients live in (0301 and 4601 are left to the demo)
              --concurrency=32      concurrent senders (HTTP requests in flight, MLLP connections)
              --no-ceiling          skip the Kafka ProducerPerformance ceiling run
              --drain=120s          how long to wait for the last webhooks after the load stops
              --out=FILE            the JSON report (default benchmarks/results/load-<time>.json)
              --synthea=DIR         replay a Synthea cohort (FHIR bundles from ./benchmarks/synthea-cohort) instead of
                                    the built-in patients: one admit, discharge-ready, discharge per inpatient stay;
                                    --rate then counts patients (all their stays) per second
              --token-url=http://127.0.0.1:8085/oauth2/token   the OAuth2 token endpoint (devstack's token-issuer);
              --client-secret=...   its demo clients' secret (default: token-issuer.client-secret in .devstack/keys.properties)
              --patient-url, --notification-url, --mllp=host:port, --receiver-port=8095,
              --patient-db=jdbc:postgresql://localhost:5432/patient, --db-user, --db-password, --bootstrap=127.0.0.1:9092
            """;

    static LoadOptions parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            int equals = arg.indexOf('=');
            values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "true" : arg.substring(equals + 1));
        }
        String mllp = values.getOrDefault("mllp", "127.0.0.1:2575");
        LoadOptions options = new LoadOptions(
                Double.parseDouble(values.getOrDefault("rate", "500")),
                duration(values.getOrDefault("duration", "60s")),
                duration(values.getOrDefault("warmup", "3m")),
                mix(values.getOrDefault("mix", "json:1,fhir:1,hl7:1")),
                Integer.parseInt(values.getOrDefault("municipalities", "20")),
                Integer.parseInt(values.getOrDefault("concurrency", "32")),
                values.getOrDefault("patient-url", "http://127.0.0.1:8081"),
                values.getOrDefault("notification-url", "http://127.0.0.1:8084"),
                mllp.substring(0, mllp.indexOf(':')),
                Integer.parseInt(mllp.substring(mllp.indexOf(':') + 1)),
                Integer.parseInt(values.getOrDefault("receiver-port", "8095")),
                values.getOrDefault("patient-db", "jdbc:postgresql://localhost:5432/patient"),
                values.getOrDefault("db-user", "carerelay"),
                values.getOrDefault("db-password", "carerelay"),
                values.getOrDefault("bootstrap", "127.0.0.1:9092"),
                !values.containsKey("no-ceiling"),
                duration(values.getOrDefault("drain", "120s")),
                values.containsKey("out") ? Path.of(values.get("out")) : null,
                values.containsKey("synthea") ? Path.of(values.get("synthea")) : null,
                values.getOrDefault("token-url", "http://127.0.0.1:8085/oauth2/token"),
                values.containsKey("client-secret") ? values.get("client-secret") : DemoTokens.devstackSecret(Path.of(".devstack/keys.properties")));
        for (String name : values.keySet()) {
            if (!List.of("rate", "duration", "warmup", "mix", "municipalities", "concurrency", "patient-url", "notification-url", "mllp",
                    "receiver-port", "patient-db", "db-user", "db-password", "bootstrap", "no-ceiling", "drain", "out", "synthea", "token-url", "client-secret").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (options.municipalities < 1 || options.concurrency < 1 || options.rate < 0) {
            throw new IllegalArgumentException("--municipalities and --concurrency must be at least 1, --rate at least 0");
        }
        return options;
    }

    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new IllegalArgumentException("a duration is a number with ms, s or m: " + text);
        };
    }

    private static Map<Channel, Integer> mix(String text) {
        Map<Channel, Integer> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.split(":");
            int weight = pair.length > 1 ? Integer.parseInt(pair[1]) : 1;
            if (weight > 0) {
                mix.put(Channel.valueOf(pair[0].trim().toUpperCase()), weight);
            }
        }
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("--mix needs at least one channel with a positive weight");
        }
        return mix;
    }
}
