package no.carerelay.testkit;

/** A running Kafka broker the tests may use. */
public interface KafkaBroker {

    String bootstrapServers();
}
