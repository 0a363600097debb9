package no.carerelay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Apache Kafka broker (combined broker and KRaft controller) inside the test JVM, on a random port. */
final class EmbeddedKafka implements KafkaBroker {

    static final int PARTITIONS_PER_TOPIC = 3;

    private final EmbeddedKafkaKraftBroker broker;
    private final List<Runnable> kafkaShutdownHooks = new ArrayList<>();

    EmbeddedKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS_PER_TOPIC);
        broker.brokerProperties(Map.of(
                // one node: every internal topic must be satisfied by a single replica
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "min.insync.replicas", "1",
                // internal topics with 1 partition instead of 50: the first consumer group joins faster
                // (Testcontainers' KafkaContainer does the same)
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                // services rely on topics appearing on first use, as they do on the container broker
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        // By default the test kit also writes the address into the system property spring.kafka.bootstrap-servers,
        // which would make a test work here by accident and fail against the container. Park it under our name.
        broker.brokerListProperty("carerelay.testkit.kafka.bootstrap-servers");
        // Kafka's test kit registers a JVM shutdown hook that deletes the broker's log directories while the broker
        // still runs (and services still talk to it): the broker then fails its log dirs and shuts itself down
        // mid-way. Keep those hooks and run them after the broker has stopped (see ShutdownSequence).
        Exit.setShutdownHookAdder((name, hook) -> kafkaShutdownHooks.add(hook));
        try {
            broker.afterPropertiesSet();
        } catch (RuntimeException e) {
            // no stop() will come: leave the clean-up to the JVM's exit, as Kafka meant to
            kafkaShutdownHooks.forEach(hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "testkit-kafka-cleanup")));
            throw e;
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    void stop() {
        try {
            broker.destroy(); // also deletes its directories
        } finally {
            kafkaShutdownHooks.forEach(Runnable::run);
        }
    }
}
