package no.carerelay.eventbus;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.scheduling.annotation.Scheduled;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code carerelay.deadletter.records{topic}}: how many records each of this service's dead-letter topics holds
 * (the sum of its partitions' end offsets). The binder publishes dead letters itself and counts nothing, so the
 * broker is asked; a rise means a record could not be processed. One gauge per dead-letter topic configured in
 * this service's bindings ({@code spring.cloud.stream.kafka.bindings.*.consumer.dlq-name}): the label set is fixed
 * at start-up, bounded and carries no personal data. The gauge is 0 until the binder creates the topic.
 */
class DeadLetterMetrics {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private final Admin admin;
    private final Set<String> topics;
    private final Map<String, Long> records = new ConcurrentHashMap<>();

    DeadLetterMetrics(Admin admin, Set<String> topics, MeterRegistry meters) {
        this.admin = admin;
        this.topics = Set.copyOf(topics);
        for (String topic : this.topics) {
            records.put(topic, 0L);
            Gauge.builder("carerelay.deadletter.records", records, all -> all.getOrDefault(topic, 0L))
                    .tag("topic", topic)
                    .description("Records on this dead-letter topic: consumed records that could not be processed")
                    .baseUnit("records")
                    .register(meters);
        }
    }

    /** The dead-letter topics this service's bindings name. */
    static Set<String> deadLetterTopics(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String normalised = name.toLowerCase().replace("-", "");
                    if (normalised.startsWith("spring.cloud.stream.kafka.bindings.") && normalised.endsWith(".consumer.dlqname")) {
                        String topic = environment.getProperty(name);
                        if (topic != null && !topic.isBlank()) {
                            names.add(topic);
                        }
                    }
                }
            }
        }
        return names;
    }

    @Scheduled(fixedDelayString = "${carerelay.eventbus.dead-letter-refresh:PT30S}", initialDelay = 0)
    void refresh() {
        if (topics.isEmpty()) {
            return;
        }
        Duration timeout = Duration.ofSeconds(10);
        try {
            Map<String, TopicDescription> described = new java.util.HashMap<>();
            for (var entry : admin.describeTopics(topics).topicNameValues().entrySet()) {
                try {
                    described.put(entry.getKey(), entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    // not created yet: nothing dead-lettered
                }
            }
            Map<TopicPartition, OffsetSpec> request = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var offsets = request.isEmpty() ? Map.<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo>of()
                    : admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : topics) {
                records.put(topic, offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .mapToLong(e -> e.getValue().offset()).sum());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // keep the last figures; the Kafka health indicator reports the broker itself
            log.debug("Dead-letter counts not refreshed: {}", e.toString());
        }
    }
}
