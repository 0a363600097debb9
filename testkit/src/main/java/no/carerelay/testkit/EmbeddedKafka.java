package no.carerelay.testkit;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Apache Kafka broker in KRaft mode inside the test JVM, on a random port. */
final class EmbeddedKafka implements KafkaBroker {

    private final EmbeddedKafkaKraftBroker broker;

    EmbeddedKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.flush.interval.messages", "1"));
        broker.afterPropertiesSet();
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    void stop() {
        broker.destroy();
    }
}
