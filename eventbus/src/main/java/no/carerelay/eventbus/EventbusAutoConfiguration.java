package no.carerelay.eventbus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventCodec;

/** Wires the outbox relay and the idempotent inbound side into every service that has this module. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableScheduling
@EnableAsync // for the outbox relay only (see KafkaOutboxRelay#relay); it names its executor
@org.springframework.context.annotation.Import(ConsumerRetryConfiguration.class)
public class EventbusAutoConfiguration {

    static final String RELAY_EXECUTOR = "eventbusRelayExecutor";

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /**
     * The producer for outbox relays: acks=all and idempotence so a retried send neither loses nor reorders;
     * a short max.block.ms so a missing broker fails the send (and leaves it to resubmission) instead of
     * holding the caller for a minute.
     */
    @Bean
    KafkaTemplate<String, byte[]> eventbusKafkaTemplate(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    EventPublisher eventPublisher(ApplicationEventPublisher events, EventCodec codec,
            @Value("${carerelay.eventbus.source:/carerelay/${spring.application.name}}") String source) {
        return new EventPublisher(events, codec, source);
    }

    @Bean(destroyMethod = "shutdown")
    java.util.concurrent.ExecutorService eventbusCompletionExecutor() {
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "outbox-completion");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Where relays run. A relay thread waits for the broker's acknowledgement (Spring's @Async waits on the returned
     * future), so there are enough of them to keep many sends in flight. A relay refused because the queue is full
     * stays an incomplete publication and is resubmitted by {@link OutboxMaintenance}.
     */
    @Bean(name = RELAY_EXECUTOR)
    org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor eventbusRelayExecutor(
            @Value("${carerelay.eventbus.relay-threads:16}") int threads) {
        var executor = new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(100_000);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean
    KafkaOutboxRelay kafkaOutboxRelay(KafkaTemplate<String, byte[]> eventbusKafkaTemplate,
            java.util.concurrent.ExecutorService eventbusCompletionExecutor, MeterRegistry meters) {
        Executor completions = eventbusCompletionExecutor;
        return new KafkaOutboxRelay(eventbusKafkaTemplate, completions, meters);
    }

    @Bean
    OutboxMaintenance outboxMaintenance(IncompleteEventPublications incomplete, JdbcClient jdbc, MeterRegistry meters,
            @Value("${carerelay.eventbus.resubmit-older-than:PT30S}") Duration minimumAge) {
        return new OutboxMaintenance(incomplete, jdbc, meters, minimumAge);
    }

    @Bean(destroyMethod = "close")
    org.apache.kafka.clients.admin.Admin eventbusKafkaAdmin(KafkaProperties properties) {
        return org.apache.kafka.clients.admin.Admin.create(properties.buildAdminProperties());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(org.apache.kafka.clients.admin.Admin eventbusKafkaAdmin) {
        return new KafkaHealthIndicator(eventbusKafkaAdmin);
    }

    @Bean
    InboundEvents inboundEvents(EventCodec codec, JdbcClient jdbc, PlatformTransactionManager transactionManager, MeterRegistry meters) {
        return new InboundEvents(codec, new ProcessedEvents(jdbc), new TransactionTemplate(transactionManager), meters);
    }
}
