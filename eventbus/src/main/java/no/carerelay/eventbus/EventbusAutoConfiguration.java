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
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventCodec;

/** Wires the outbox relay and the idempotent inbound side into every service that has this module. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableScheduling
@org.springframework.context.annotation.Import(ConsumerRetryConfiguration.class)
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
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        // Writes the current trace context (W3C traceparent) into every record: the relay runs on the committing
        // thread, so that is the HTTP request's or the consumed record's trace. A publication resubmitted after a
        // crash or a failed send runs on the scheduler thread and starts a new trace.
        template.setObservationEnabled(true);
        return template;
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
            java.util.concurrent.ExecutorService eventbusCompletionExecutor, MeterRegistry meters) {
        Executor completions = eventbusCompletionExecutor;
        return new KafkaOutboxRelay(eventbusKafkaTemplate, completions, meters);
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
    InboundEvents inboundEvents(EventCodec codec, JdbcClient jdbc, PlatformTransactionManager transactionManager, MeterRegistry meters) {
        return new InboundEvents(codec, new ProcessedEvents(jdbc), new TransactionTemplate(transactionManager), meters);
    }
}
