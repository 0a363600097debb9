package no.carerelay.trajectory.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.carerelay.trajectory.pathway.PathwayCatalog;

@Configuration
@EnableConfigurationProperties(TrajectoryProperties.class)
class TrajectoryConfiguration {

    /** Injected wherever "now" matters, so tests move time instead of sleeping. */
    @Bean
    Clock clock(TrajectoryProperties properties) {
        return Clock.system(properties.timeZone());
    }

    @Bean
    PathwayCatalog pathwayCatalog(TrajectoryProperties properties) {
        return PathwayCatalog.load(properties.pathways().locations(), properties.pathways().homeLocations());
    }
}
