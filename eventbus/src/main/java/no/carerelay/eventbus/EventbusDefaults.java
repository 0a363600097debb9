package no.carerelay.eventbus;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service needs for the outbox to keep its promise; a service's own configuration wins.
 * Republish on restart: a kill -9 between commit and broker acknowledgement must not lose the event.
 * <p>
 * Observability, the same in every service so no service configures it: W3C trace context (traceparent) is read
 * from incoming HTTP requests and Kafka records and written on outgoing ones (the binder's consumers observe; the
 * outbox producer observes, see {@link EventbusAutoConfiguration}), every trace is sampled unless
 * {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY} says otherwise, and spans leave the process only when
 * {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} names a collector (Boot creates no OTLP exporter
 * without an endpoint). HTTP server latency gets histogram buckets so Prometheus can compute quantiles across
 * instances.
 */
class EventbusDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("carerelayEventbusDefaults", Map.ofEntries(
                Map.entry("spring.modulith.events.republish-outstanding-events-on-restart", "true"),
                Map.entry("spring.modulith.events.completion-mode", "delete"),
                Map.entry("spring.modulith.events.jdbc.schema-initialization.enabled", "false"),
                // InboundEvents applies each poll's records in one transaction; retry and dead-lettering by the
                // container (ConsumerErrorHandling)
                Map.entry("spring.cloud.stream.default.consumer.batch-mode", "true"),
                // the values reach InboundEvents as the bytes Kafka holds, each poll a list (no payload conversion)
                Map.entry("spring.cloud.stream.default.consumer.use-native-decoding", "true"),
                Map.entry("management.tracing.propagation.type", "w3c"),
                Map.entry("management.tracing.sampling.probability", "1.0"),
                Map.entry("spring.cloud.stream.kafka.binder.enable-observation", "true"),
                Map.entry("spring.kafka.template.observation-enabled", "true"),
                Map.entry("spring.kafka.listener.observation-enabled", "true"),
                // no OTLP log export unless asked: logs stay on stdout (structured in deployments)
                Map.entry("management.logging.export.otlp.enabled", "false"),
                // metrics are scraped by Prometheus, never pushed (should an OTLP meter registry reach the classpath)
                Map.entry("management.otlp.metrics.export.enabled", "false"),
                Map.entry("management.metrics.distribution.percentiles-histogram.http.server.requests", "true"),
                Map.entry("management.metrics.distribution.percentiles-histogram.carerelay.mllp.message", "true"))));
    }
}
