package no.carerelay.eventbus;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;

import no.carerelay.contracts.UnreadableEventException;

/**
 * Retry and dead-lettering for every consumer binding, done by the listener container because the bindings
 * consume in batches (the binder's own retry does not apply to batches). A record that fails
 * ({@link InboundEvents} names it by its index in the batch) is retried a few times with exponential back-off,
 * since database or broker hiccups pass; one that can never be read is not retried. Either way it then goes alone
 * to the binding's dead-letter topic ({@code dlq-name}), with the headers the binder's own dead-lettering wrote
 * ({@code x-original-topic}, {@code x-exception-message}, ...) so runbooks and tools need not change.
 * <p>
 * Also the one place that configures every consumer container, so it sets when offsets are committed: at most once
 * per {@code carerelay.eventbus.consumer.offset-commit-interval} (AckMode TIME) instead of after every poll. Under
 * load a poll brings one or two records, so committing per poll cost about 8 % of each consumer's CPU and an
 * OffsetCommit request on the broker per record. Nothing is lost by committing later: a record is applied with its
 * inbox row in one transaction, so what a crash redelivers (at most one interval's worth) is recognised and skipped.
 * Pending offsets are still committed when partitions are revoked and when the container stops.
 */
final class ConsumerErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer, AutoCloseable {

    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final String EXCEPTION_FQCN = "x-exception-fqcn";
    static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaOperations<byte[], byte[]> deadLetters;
    private final int maxAttempts;
    private final Duration initialBackOff;
    private final double multiplier;
    private final Duration maxBackOff;
    private final Duration offsetCommitInterval;

    ConsumerErrorHandling(DefaultKafkaProducerFactory<byte[], byte[]> producers, int maxAttempts, Duration initialBackOff,
            double multiplier, Duration maxBackOff, Duration offsetCommitInterval) {
        this.producers = producers;
        this.deadLetters = new KafkaTemplate<>(producers);
        this.maxAttempts = maxAttempts;
        this.initialBackOff = initialBackOff;
        this.multiplier = multiplier;
        this.maxBackOff = maxBackOff;
        this.offsetCommitInterval = offsetCommitInterval;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff bindingBackOff) {
        DefaultErrorHandler handler = dlqDestinationResolver == null
                ? new DefaultErrorHandler(backOff())
                : new DefaultErrorHandler(deadLetterRecoverer(dlqDestinationResolver), backOff());
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        container.setCommonErrorHandler(handler);
        container.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        container.getContainerProperties().setAckTime(offsetCommitInterval.toMillis());
    }

    @Override
    public void close() {
        producers.destroy();
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    BackOff backOff() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(Math.max(0, maxAttempts - 1));
        backOff.setInitialInterval(initialBackOff.toMillis());
        backOff.setMultiplier(multiplier);
        backOff.setMaxInterval(maxBackOff.toMillis());
        return backOff;
    }

    private DeadLetterPublishingRecoverer deadLetterRecoverer(BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters, destination);
        recoverer.setHeaderNamesSupplier(() -> HeaderNames.Builder.original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn(EXCEPTION_FQCN)
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage(EXCEPTION_MESSAGE)
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace(EXCEPTION_STACKTRACE)
                .build());
        recoverer.setExceptionHeadersCreator((headers, exception, isKey, names) -> describe(headers, reason(exception)));
        return recoverer;
    }

    /** What failed, not the container's wrappers around it. */
    static Throwable reason(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException) {
                return cause;
            }
            if (cause instanceof BatchListenerFailedException failed && failed.getCause() != null) {
                return failed.getCause();
            }
        }
        return exception;
    }

    private static void describe(Headers headers, Throwable reason) {
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        StringWriter trace = new StringWriter();
        reason.printStackTrace(new PrintWriter(trace));
        headers.add(EXCEPTION_MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        headers.add(EXCEPTION_FQCN, reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(EXCEPTION_STACKTRACE, trace.toString().getBytes(StandardCharsets.UTF_8));
    }
}
