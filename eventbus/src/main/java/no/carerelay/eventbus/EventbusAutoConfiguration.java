package no.carerelay.eventbus;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import no.carerelay.contracts.EventCodec;

/** Wires the outbox relay and the idempotent inbound side into every service that has this module. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableScheduling
public class EventbusAutoConfiguration {

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
        Map<String, Object> config = reliableProducer(properties, StringSerializer.class);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        // Writes the trace context (W3C traceparent) into every record: the relay opens the trace the event was
        // published in (the HTTP request's or the consumed record's, kept in the outbox row) around each send, so a
        // publication resubmitted after a crash continues its trace too.
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    EventPublisher eventPublisher(ApplicationEventPublisher events, EventCodec codec,
            @Value("${carerelay.eventbus.source:/carerelay/${spring.application.name}}") String source,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventPublisher(events, codec, source, tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /**
     * Retry and dead-lettering of every consumer binding (batch mode: the container's error handler does both).
     * 3 attempts, back-off 0.5 s doubling up to 5 s, none for a record that cannot be read. Offsets are committed
     * at most once a second.
     */
    @Bean(destroyMethod = "close")
    ConsumerErrorHandling eventbusConsumerErrorHandling(KafkaProperties properties,
            @Value("${carerelay.eventbus.consumer.max-attempts:3}") int maxAttempts,
            @Value("${carerelay.eventbus.consumer.back-off-initial:PT0.5S}") Duration initial,
            @Value("${carerelay.eventbus.consumer.back-off-multiplier:2.0}") double multiplier,
            @Value("${carerelay.eventbus.consumer.back-off-max:PT5S}") Duration max,
            @Value("${carerelay.eventbus.consumer.offset-commit-interval:PT1S}") Duration offsetCommitInterval) {
        // dead letters are the consumed record's bytes, key and value, sent on unchanged
        return new ConsumerErrorHandling(new DefaultKafkaProducerFactory<>(reliableProducer(properties, ByteArraySerializer.class)),
                maxAttempts, initial, multiplier, max, offsetCommitInterval);
    }

    /** Spring Boot's producer settings, byte[] values, acks=all and idempotence; max.block.ms 10 s unless set. */
    private static Map<String, Object> reliableProducer(KafkaProperties properties, Class<?> keySerializer) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    @Bean(destroyMethod = "close")
    OutboxCompletions eventbusOutboxCompletions(ObjectProvider<PlatformTransactionManager> transactionManager, MeterRegistry meters) {
        return new OutboxCompletions(2, () -> transactionManager.getIfUnique() instanceof ConnectionBudget budget ? budget : null, meters);
    }

    /**
     * Wraps the application's transaction manager in a {@link ConnectionBudget}: half the connection pool's size
     * of threads in a transaction at once (carerelay.eventbus.concurrent-transactions overrides it).
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor eventbusConnectionBudget(
            org.springframework.beans.factory.ObjectProvider<javax.sql.DataSource> dataSource,
            org.springframework.core.env.Environment environment) {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof PlatformTransactionManager manager && !(bean instanceof ConnectionBudget)) {
                    int poolSize = dataSource.getIfAvailable() instanceof com.zaxxer.hikari.HikariDataSource hikari
                            ? hikari.getMaximumPoolSize() : 10;
                    int concurrent = environment.getProperty("carerelay.eventbus.concurrent-transactions", Integer.class,
                            Math.max(1, poolSize / 2));
                    long wait = environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class, 30_000L);
                    return new ConnectionBudget(manager, concurrent, wait);
                }
                return bean;
            }
        };
    }

    @Bean
    KafkaOutboxRelay kafkaOutboxRelay(KafkaTemplate<String, byte[]> eventbusKafkaTemplate,
            OutboxCompletions eventbusOutboxCompletions, MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        return new KafkaOutboxRelay(eventbusKafkaTemplate, eventbusOutboxCompletions, meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    OutboxMaintenance outboxMaintenance(IncompleteEventPublications incomplete, JdbcClient jdbc, MeterRegistry meters,
            @Value("${carerelay.eventbus.resubmit-older-than:PT30S}") Duration minimumAge) {
        return new OutboxMaintenance(incomplete, jdbc, meters, minimumAge);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(org.apache.kafka.clients.admin.Admin eventbusKafkaAdmin,
            org.springframework.core.env.ConfigurableEnvironment environment, MeterRegistry meters) {
        return new DeadLetterMetrics(eventbusKafkaAdmin, DeadLetterMetrics.deadLetterTopics(environment), meters);
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
    InboundEvents inboundEvents(EventCodec codec, JdbcClient jdbc, PlatformTransactionManager transactionManager, MeterRegistry meters,
            ObjectProvider<ObservationRegistry> observations) {
        return new InboundEvents(codec, new ProcessedEvents(jdbc), new TransactionTemplate(transactionManager), meters,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
