package no.carerelay.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling: Kafka's own {@code ProducerPerformance} tool against the same broker, with the record size of our
 * events and the same producer settings (acks=all, idempotent), in its own JVM so it measures the broker and not
 * our generator. Our end-to-end figure is reported as a share of it.
 */
final class KafkaCeiling {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, "
            + "([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    record Result(long records, double recordsPerSecond, double megabytesPerSecond, double averageLatencyMs, long p99LatencyMs, String raw) {
    }

    static Result run(String bootstrapServers, Path kafkaLib, Path lib, long records, int recordSize) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", kafkaLib + "/*:" + lib + "/*",
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "carerelay.ceiling.v1", "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true", "linger.ms=5", "compression.type=none"));
        Path output = Files.createTempFile("producer-performance", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish in 10 minutes");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        MatchResult last = null;
        Matcher matcher = SUMMARY.matcher(text);
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary (exit " + process.exitValue() + "):\n" + text);
        }
        return new Result(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)), Double.parseDouble(last.group(3)),
                Double.parseDouble(last.group(4)), Long.parseLong(last.group(8)), last.group(0));
    }
}
