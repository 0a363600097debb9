package no.carerelay.benchmarks.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The figures of one run, as a table for people and as JSON for the record. */
record LoadReport(Map<String, Object> figures) {

    static LoadReport of(LoadOptions options, LoadBenchmark.Machine machine, SyntheaCohort cohort, SyntheticHospital hospital, MunicipalReceiver receiver,
            LoadBenchmark.Phase measured, LoadBenchmark.Drained drained, KafkaCeiling.Result ceiling) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("date", Instant.now().toString());
        figures.put("machine", Map.of("cores", machine.cores(), "memoryMiB", machine.memoryMiB(), "java", machine.java(), "os", machine.os()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rateTarget", options.rate());
        settings.put("warmupSeconds", options.warmup().toSeconds());
        settings.put("measuredSeconds", options.duration().toSeconds());
        settings.put("mix", options.mix().toString());
        settings.put("municipalities", options.municipalities());
        settings.put("senders", options.concurrency());
        settings.put("patients", cohort == null ? "built-in synthetic, one stay each" : cohort.toString());
        figures.put("settings", settings);
        double seconds = measured.seconds();
        long readyInWindow = drained.latenciesMs().length + drained.missing() + drained.uncorrelated();
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("acceptedMessagesPerSecond", round((measured.acceptedAtEnd() - measured.acceptedAtStart()) / seconds));
        throughput.put("dischargeReadyAcceptedPerSecond", round(readyInWindow / seconds));
        throughput.put("handoversDeliveredPerSecond", round((measured.deliveredAtEnd() - measured.deliveredAtStart()) / seconds));
        figures.put("throughput", throughput);
        long[] latencies = drained.latenciesMs();
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("samples", latencies.length);
        latency.put("p50", percentile(latencies, 50));
        latency.put("p95", percentile(latencies, 95));
        latency.put("p99", percentile(latencies, 99));
        latency.put("max", latencies.length == 0 ? null : latencies[latencies.length - 1]);
        figures.put("latencyMsAcceptedToWebhook", latency);
        Map<String, Object> integrity = new LinkedHashMap<>();
        integrity.put("messagesAccepted", hospital.accepted());
        integrity.put("acceptedByStep", hospital.acceptedBy());
        integrity.put("messagesRefused", hospital.refused());
        integrity.put("requestsUnanswered", hospital.unanswered());
        integrity.put("webhooksReceived", receiver.received());
        integrity.put("readyNoticesWithoutWebhookAfterDrain", drained.missing());
        integrity.put("readyNoticesNotFoundInPatientDatabase", drained.uncorrelated());
        integrity.put("repeatedWebhookIds", receiver.repeatedWebhookIds());
        integrity.put("handoversBeyondOnePerReadyNotice", drained.extraHandovers());
        integrity.put("badSignatures", receiver.badSignatures());
        integrity.put("webhooksToWrongMunicipality", receiver.wrongMunicipality());
        integrity.put("drainSeconds", round(drained.drainSeconds()));
        figures.put("integrity", integrity);
        if (ceiling != null) {
            Map<String, Object> kafka = new LinkedHashMap<>();
            kafka.put("tool", "org.apache.kafka.tools.ProducerPerformance, 700-byte records, acks=all, idempotent");
            kafka.put("recordsPerSecond", round(ceiling.recordsPerSecond()));
            kafka.put("p99LatencyMs", ceiling.p99LatencyMs());
            kafka.put("deliveredHandoversAsShareOfCeiling",
                    round4(((measured.deliveredAtEnd() - measured.deliveredAtStart()) / seconds) / ceiling.recordsPerSecond()));
            figures.put("kafkaCeiling", kafka);
        }
        return new LoadReport(figures);
    }

    String json() {
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n";
    }

    @SuppressWarnings("unchecked")
    String table() {
        Map<String, Object> throughput = (Map<String, Object>) figures.get("throughput");
        Map<String, Object> latency = (Map<String, Object>) figures.get("latencyMsAcceptedToWebhook");
        Map<String, Object> integrity = (Map<String, Object>) figures.get("integrity");
        Map<String, Object> kafka = (Map<String, Object>) figures.get("kafkaCeiling");
        StringBuilder text = new StringBuilder("\n");
        row(text, "machine", figures.get("machine"));
        row(text, "settings", figures.get("settings"));
        row(text, "accepted messages/s", throughput.get("acceptedMessagesPerSecond"));
        row(text, "discharge-ready accepted/s", throughput.get("dischargeReadyAcceptedPerSecond"));
        row(text, "handovers delivered/s", throughput.get("handoversDeliveredPerSecond"));
        row(text, "latency ms p50/p95/p99/max", latency.get("p50") + " / " + latency.get("p95") + " / " + latency.get("p99") + " / " + latency.get("max")
                + "  (" + latency.get("samples") + " samples, discharge-ready ACK -> webhook received)");
        row(text, "accepted / refused / unanswered", integrity.get("messagesAccepted") + " / " + integrity.get("messagesRefused") + " / "
                + integrity.get("requestsUnanswered"));
        row(text, "webhooks received", integrity.get("webhooksReceived"));
        row(text, "missing after drain", integrity.get("readyNoticesWithoutWebhookAfterDrain"));
        row(text, "duplicates (id / handover)", integrity.get("repeatedWebhookIds") + " / " + integrity.get("handoversBeyondOnePerReadyNotice"));
        row(text, "bad signatures / wrong municipality", integrity.get("badSignatures") + " / " + integrity.get("webhooksToWrongMunicipality"));
        if (kafka != null) {
            row(text, "Kafka ceiling records/s", kafka.get("recordsPerSecond") + "  (p99 " + kafka.get("p99LatencyMs") + " ms); we deliver "
                    + kafka.get("deliveredHandoversAsShareOfCeiling") + " of it");
        }
        return text.append('\n').toString();
    }

    private static void row(StringBuilder text, String name, Object value) {
        text.append(String.format("  %-36s %s%n", name, value));
    }

    static Long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
