package no.carerelay.eventbus;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * A gauge per label set whose values a periodic query replaces as a whole: each label set is registered once and
 * reads the latest refresh. Used instead of Micrometer's {@code MultiGauge.register(rows, true)}, which removes and
 * re-registers every row on each refresh: in Micrometer 1.16 a Prometheus scrape that races that loses the series or
 * fails on duplicate labels (micrometer-metrics/micrometer#6851), so a gauge an alert depends on can vanish from a
 * scrape. A label set missing from the latest refresh reads 0 (nothing left to count; a share beside a count of 0
 * weighs nothing in the recording rules, where NaN would poison the sum); the series stays, so the label sets are
 * bounded by what the service has seen since it started.
 */
public final class RefreshedGauge {

    private final String name;
    private final String description;
    private final String baseUnit;
    private final MeterRegistry meters;
    private final Set<Tags> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<Tags, Double> latest = Map.of();

    private RefreshedGauge(String name, String description, String baseUnit, MeterRegistry meters) {
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
        this.meters = meters;
    }

    /** Registers nothing yet: each label set is registered the first time a refresh reports it. */
    public static RefreshedGauge named(String name, String description, String baseUnit, MeterRegistry meters) {
        return new RefreshedGauge(name, description, baseUnit, meters);
    }

    /** Replaces every value with this refresh's; label sets seen for the first time are registered. */
    public void update(Map<Tags, ? extends Number> values) {
        Map<Tags, Double> next = new HashMap<>();
        values.forEach((tags, value) -> next.put(tags, value.doubleValue()));
        latest = Map.copyOf(next);
        for (Tags tags : next.keySet()) {
            if (registered.add(tags)) {
                Gauge.builder(name, this, gauge -> gauge.latest.getOrDefault(tags, 0.0))
                        .tags(tags).description(description).baseUnit(baseUnit).strongReference(true).register(meters);
            }
        }
    }
}
