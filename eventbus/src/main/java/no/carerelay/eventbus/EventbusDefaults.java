package no.carerelay.eventbus;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service needs for the outbox to keep its promise; a service's own configuration wins.
 * Republish on restart: a kill -9 between commit and broker acknowledgement must not lose the event.
 */
class EventbusDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("carerelayEventbusDefaults", Map.of(
                "spring.modulith.events.republish-outstanding-events-on-restart", "true",
                "spring.modulith.events.completion-mode", "delete",
                "spring.modulith.events.jdbc.schema-initialization.enabled", "false")));
    }
}
