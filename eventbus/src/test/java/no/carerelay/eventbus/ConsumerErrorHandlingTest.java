package no.carerelay.eventbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

class ConsumerErrorHandlingTest {

    @Test
    void shouldCommitOffsetsByTimeRatherThanAfterEveryPoll() {
        var container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(Map.of(), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new ContainerProperties("patient.encounters.v1"));
        try (var handling = new ConsumerErrorHandling(new DefaultKafkaProducerFactory<>(Map.of(), new ByteArraySerializer(), new ByteArraySerializer()),
                3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(5), Duration.ofMillis(1500))) {
            handling.configure(container, "patient.encounters.v1", "collaboration-service", null, null);
        }

        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getContainerProperties().getAckTime()).isEqualTo(1500);
        assertThat(container.getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
    }
}
