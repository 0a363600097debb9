package no.carerelay.collaboration.handover;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import no.carerelay.collaboration.config.CollaborationProperties;

/**
 * The care system's view of handovers, refreshed after every escalation scan: open cases per municipality and
 * status, and for discharge-ready patients left unanswered past the deadline, how many, for how many days, and
 * the running cost exposure in NOK (days x the configured daily rate), and the age of the oldest unanswered case
 * per municipality (where handovers stall). Labels are the kommunenummer and the status
 * only: bounded, and nothing about a person.
 */
@Service
public class HandoverMetrics {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CollaborationProperties properties;
    private final MultiGauge open;
    private final MultiGauge unanswered;
    private final MultiGauge unansweredDays;
    private final MultiGauge exposure;
    private final MultiGauge oldestUnanswered;

    HandoverMetrics(JdbcClient jdbc, Clock clock, CollaborationProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.open = MultiGauge.builder("carerelay.handover.open").description("Open handover cases").register(meters);
        this.unanswered = MultiGauge.builder("carerelay.handover.discharge.ready.unanswered")
                .description("Discharge-ready patients whose notice is unanswered past the same-day deadline").register(meters);
        this.unansweredDays = MultiGauge.builder("carerelay.handover.discharge.ready.unanswered.days")
                .description("Patient-days the municipality owes for unanswered discharge-ready notices").baseUnit("days").register(meters);
        this.exposure = MultiGauge.builder("carerelay.handover.cost.exposure")
                .description("Running cost exposure for unanswered discharge-ready patients: days x daily rate").baseUnit("NOK")
                .register(meters);
        this.oldestUnanswered = MultiGauge.builder("carerelay.handover.unanswered.oldest.age")
                .description("Age of the oldest handover case not yet answered (requested or received), from when it opened")
                .baseUnit("seconds").register(meters);
    }

    /** Per municipality: the figures the gauges show. */
    public record Exposure(String municipality, long patients, long days, BigDecimal amount) {
    }

    @Transactional(readOnly = true)
    public List<Exposure> costExposure() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(properties.timeZone()).toLocalDate();
        Map<String, long[]> byMunicipality = new TreeMap<>();
        jdbc.sql("""
                        SELECT municipality, declared_on, count(*) FROM handover_case
                        WHERE reason = 'DISCHARGE_READY' AND status IN ('REQUESTED', 'RECEIVED') AND due_at <= ? AND declared_on IS NOT NULL
                        GROUP BY municipality, declared_on""")
                .param(Timestamp.from(now))
                .query(rs -> {
                    long patients = rs.getLong(3);
                    long[] totals = byMunicipality.computeIfAbsent(rs.getString(1), m -> new long[2]);
                    totals[0] += patients;
                    totals[1] += patients * DischargeReadyCost.daysOwed(rs.getDate(2).toLocalDate(), today);
                });
        List<Exposure> result = new ArrayList<>();
        byMunicipality.forEach((municipality, totals) -> result.add(new Exposure(municipality, totals[0], totals[1],
                DischargeReadyCost.amount(totals[1], properties.dischargeReadyDailyRate()))));
        return result;
    }

    /**
     * Synchronized: the escalation scan refreshes too, and of two interleaved refreshes the one that read the database
     * first could register its rows last, hiding a case opened in between until the next scan.
     */
    @Transactional(readOnly = true)
    public synchronized void refresh() {
        List<MultiGauge.Row<?>> openRows = new ArrayList<>();
        jdbc.sql("SELECT municipality, status, count(*) FROM handover_case WHERE status IN ('REQUESTED', 'RECEIVED', 'ACCEPTED') GROUP BY 1, 2")
                .query(rs -> {
                    openRows.add(MultiGauge.Row.of(Tags.of("municipality", rs.getString(1), "status", rs.getString(2)), rs.getLong(3)));
                });
        open.register(openRows, true);
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        jdbc.sql("SELECT municipality, min(opened_at) FROM handover_case WHERE status IN ('REQUESTED', 'RECEIVED') GROUP BY 1")
                .query(rs -> {
                    double age = Math.max(0, java.time.Duration.between(rs.getTimestamp(2).toInstant(), clock.instant()).toMillis() / 1000.0);
                    oldestRows.add(MultiGauge.Row.of(Tags.of("municipality", rs.getString(1)), age));
                });
        oldestUnanswered.register(oldestRows, true);
        List<Exposure> exposures = costExposure();
        unanswered.register(exposures.stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e), e.patients())).toList(), true);
        unansweredDays.register(exposures.stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e), e.days())).toList(), true);
        exposure.register(exposures.stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e), e.amount())).toList(), true);
    }

    private static Tags tags(Exposure exposure) {
        return Tags.of("municipality", exposure.municipality());
    }
}
