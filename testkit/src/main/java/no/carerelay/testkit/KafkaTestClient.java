package no.carerelay.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for assertions on topics: send raw records (poison ones included) and read what is on a
 * topic. Thread-safe: one producer, and a fresh consumer for every read.
 *
 * <p>Reads never join a consumer group: they assign all partitions and seek to the beginning, so they see
 * everything on the topic, commit nothing and skip the group rebalance. The consumer still gets a unique group
 * id, so it can never share offsets with a service. Reading a topic never creates it.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Upper bound for catching up with a topic's end: on a test broker that is milliseconds. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "testkit-producer-" + UUID.randomUUID());
        producer = new KafkaProducer<>(config);
    }

    /** Sends one record (headers as UTF-8, may be empty or null) and waits for the broker's acknowledgement. */
    public void send(String topic, String key, Map<String, String> headers, byte[] value) {
        List<Header> recordHeaders = new ArrayList<>();
        if (headers != null) {
            headers.forEach((name, text) -> recordHeaders.add(
                    new RecordHeader(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8))));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /**
     * Waits until at least {@code count} records are on the topic, then returns every record on it at that moment
     * (in partition and offset order; so per key in the order produced).
     *
     * @throws AssertionError listing the records seen when {@code count} do not arrive within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count, Duration timeout) {
        return await(topic, record -> true, count, timeout, count + " records");
    }

    /** Like {@link #awaitRecords} for the records with this key (a patient pseudonym, say); returns only those. */
    public List<ConsumerRecord<String, byte[]>> awaitRecordsWithKey(String topic, String key, int count, Duration timeout) {
        return await(topic, record -> key.equals(record.key()), count, timeout, count + " records with key " + key);
    }

    /**
     * Everything on the topic: reads from the beginning to the end, then keeps listening until nothing new has
     * arrived for {@code quietPeriod}, so that a record still on its way (a duplicate, say) is included. Empty if
     * the topic does not exist.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quietPeriod) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            if (partitions.isEmpty()) {
                sleep(quietPeriod);
                partitions = assignFromBeginning(consumer, topic);
                if (partitions.isEmpty()) {
                    return List.of();
                }
            }
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long catchUpDeadline = System.nanoTime() + CATCH_UP.toNanos() + quietPeriod.toNanos();
            long lastArrival = System.nanoTime();
            while (true) {
                int before = records.size();
                consumer.poll(POLL).forEach(records::add);
                long now = System.nanoTime();
                if (records.size() > before) {
                    lastArrival = now;
                } else if (now - lastArrival >= quietPeriod.toNanos() && reachedEnd(consumer, partitions)) {
                    return sorted(records);
                }
                if (now > catchUpDeadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + CATCH_UP + "; read " + records.size()
                            + " records");
                }
            }
        }
    }

    /** The record's headers as text (UTF-8); for a repeated name the last value wins. */
    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted, int count,
            Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) { // the topic may appear only when the service first writes to it
                    partitions = assignFromBeginning(consumer, topic);
                    if (partitions.isEmpty()) {
                        sleep(POLL);
                        continue;
                    }
                }
                consumer.poll(POLL).forEach(all::add);
                if (matching(all, wanted).size() >= count) {
                    // also take what else is already on the topic, so the answer does not depend on poll batches
                    long catchUp = System.nanoTime() + CATCH_UP.toNanos();
                    while (!reachedEnd(consumer, partitions) && System.nanoTime() < catchUp) {
                        consumer.poll(POLL).forEach(all::add);
                    }
                    return matching(sorted(all), wanted);
                }
            }
            throw new AssertionError("expected " + what + " on " + topic + " within " + timeout + ", saw "
                    + matching(all, wanted).size() + (partitions.isEmpty() ? " (the topic does not exist)"
                    : "; all " + all.size() + " records on the topic" + describe(sorted(all))));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> matching(List<ConsumerRecord<String, byte[]>> records,
            Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return records.stream().filter(wanted).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // looking at a topic must not create it (with the broker's defaults, before the service declares it)
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<ConsumerRecord<String, byte[]>> sorted(List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> copy = new ArrayList<>(records);
        copy.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return copy;
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> records) {
        StringBuilder text = new StringBuilder(":");
        records.stream().limit(50).forEach(record -> text.append("\n  ").append(record.partition()).append('/').append(record.offset())
                .append(" key=").append(record.key()).append(" headers=").append(headers(record)).append(" value=")
                .append(preview(record.value())));
        if (records.size() > 50) {
            text.append("\n  ... and ").append(records.size() - 50).append(" more");
        }
        return text.toString();
    }

    private static String preview(byte[] value) {
        if (value == null) {
            return "null";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
