package no.carerelay.collaboration.handover;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import no.carerelay.collaboration.config.CollaborationProperties;
import no.carerelay.eventbus.RefreshedGauge;

/**
 * The care system's view of handovers, refreshed after every escalation scan: open cases per municipality and
 * status, and for discharge-ready patients left unanswered past the deadline, how many, for how many days, and
 * the running cost exposure in NOK (days x the configured daily rate), and the age of the oldest unanswered case
 * per municipality (where handovers stall). Labels are the kommunenummer and the status
 * only: bounded, and nothing about a person. A municipality with nothing left to count reads 0 (the series stays:
 * see {@link RefreshedGauge}).
 */
@Service
public class HandoverMetrics {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CollaborationProperties properties;
    private final RefreshedGauge open;
    private final RefreshedGauge unanswered;
    private final RefreshedGauge unansweredDays;
    private final RefreshedGauge exposure;
    private final RefreshedGauge oldestUnanswered;

    HandoverMetrics(JdbcClient jdbc, Clock clock, CollaborationProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.open = RefreshedGauge.named("carerelay.handover.open", "Open handover cases", null, meters);
        this.unanswered = RefreshedGauge.named("carerelay.handover.discharge.ready.unanswered",
                "Discharge-ready patients whose notice is unanswered past the same-day deadline", null, meters);
        this.unansweredDays = RefreshedGauge.named("carerelay.handover.discharge.ready.unanswered.days",
                "Patient-days the municipality owes for unanswered discharge-ready notices", "days", meters);
        this.exposure = RefreshedGauge.named("carerelay.handover.cost.exposure",
                "Running cost exposure for unanswered discharge-ready patients: days x daily rate", "NOK", meters);
        this.oldestUnanswered = RefreshedGauge.named("carerelay.handover.unanswered.oldest.age",
                "Age of the oldest handover case not yet answered (requested or received), from when it opened; 0 when none is",
                "seconds", meters);
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
        Map<Tags, Long> openRows = new HashMap<>();
        jdbc.sql("SELECT municipality, status, count(*) FROM handover_case WHERE status IN ('REQUESTED', 'RECEIVED', 'ACCEPTED') GROUP BY 1, 2")
                .query(rs -> {
                    openRows.put(Tags.of("municipality", rs.getString(1), "status", rs.getString(2)), rs.getLong(3));
                });
        open.update(openRows);
        Map<Tags, Double> oldestRows = new HashMap<>();
        jdbc.sql("SELECT municipality, min(opened_at) FROM handover_case WHERE status IN ('REQUESTED', 'RECEIVED') GROUP BY 1")
                .query(rs -> {
                    double age = Math.max(0, java.time.Duration.between(rs.getTimestamp(2).toInstant(), clock.instant()).toMillis() / 1000.0);
                    oldestRows.put(Tags.of("municipality", rs.getString(1)), age);
                });
        oldestUnanswered.update(oldestRows);
        List<Exposure> exposures = costExposure();
        unanswered.update(exposures.stream().collect(Collectors.toMap(HandoverMetrics::tags, Exposure::patients)));
        unansweredDays.update(exposures.stream().collect(Collectors.toMap(HandoverMetrics::tags, Exposure::days)));
        exposure.update(exposures.stream().collect(Collectors.toMap(HandoverMetrics::tags, Exposure::amount)));
    }

    private static Tags tags(Exposure exposure) {
        return Tags.of("municipality", exposure.municipality());
    }
}
