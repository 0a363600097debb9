package no.carerelay.trajectory.config;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.trajectory.*} in trajectory-service.yml.
 *
 * @param timeZone where calendar days are counted (Europe/Oslo)
 */
@ConfigurationProperties("carerelay.trajectory")
public record TrajectoryProperties(
        @DefaultValue("Europe/Oslo") ZoneId timeZone,
        @DefaultValue Deadlines deadlines,
        @DefaultValue Pathways pathways,
        @DefaultValue Compliance compliance) {

    /**
     * @param approachingLead how long before a deadline passes DeadlineApproaching is sent, in calendar days
     * @param scanInterval    pause between deadline scans
     * @param batchSize       deadlines fired per transaction
     */
    public record Deadlines(
            @DefaultValue("P2D") Period approachingLead,
            @DefaultValue("PT30S") Duration scanInterval,
            @DefaultValue("500") int batchSize) {
    }

    /**
     * @param locations     resource patterns of the pakkeforløp definitions; add {@code file:/dir/*.json} to load new
     *                      versions without a code change
     * @param homeLocations resource patterns of the Pakkeforløp hjem definition
     */
    public record Pathways(
            @DefaultValue("classpath*:pathways/*.json") List<String> locations,
            @DefaultValue("classpath*:home-pathway/*.json") List<String> homeLocations) {
    }

    /**
     * @param target          the national target share completed within the standard lead time
     * @param refreshInterval how often the Prometheus gauges are recomputed from the database
     */
    public record Compliance(
            @DefaultValue("0.70") double target,
            @DefaultValue("PT60S") Duration refreshInterval) {
    }
}
