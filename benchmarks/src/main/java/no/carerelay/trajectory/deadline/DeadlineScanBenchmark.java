package no.carerelay.trajectory.deadline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.trajectory.TrajectoryServiceApplication;

/**
 * One deadline-scan pass of the real trajectory-service (Spring context, PostgreSQL 17, Kafka broker from testkit)
 * over 100,000 open trajectories, each with an open deadline. Per iteration, {@code due} of them are made due
 * (their warning time has come); the pass then fires each one's DeadlineApproaching through the outbox, marks it
 * fired and moves its next firing time on, in batches of 500 per transaction. {@code due = 0} is the steady state:
 * a pass that finds nothing.
 *
 * <p>Run: {@code ./benchmarks/run-jmh DeadlineScanBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class DeadlineScanBenchmark {

    static final int OPEN_TRAJECTORIES = 100_000;
    /** The scan happens at this instant; every seeded deadline lies after it unless an iteration makes it due. */
    static final Instant NOW = Instant.parse("2040-06-01T10:00:00Z");

    @Param({"0", "1000", "5000"})
    public int due;

    private ConfigurableApplicationContext service;
    private DeadlineScanner scanner;
    private JdbcClient jdbc;
    private List<Object> ids;
    private int round;

    @Setup(Level.Trial)
    public void startServiceAndSeed() {
        List<String> args = new ArrayList<>();
        TestInfrastructure.springProperties("trajectory_bench").forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of("--server.port=0", "--carerelay.trajectory.deadlines.initial-delay=PT1H", "--logging.level.root=WARN"));
        Clock clock = Clock.fixed(NOW, ZoneId.of("Europe/Oslo"));
        service = TrajectoryServiceApplication.application()
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchmarkClock", Clock.class, () -> clock,
                        definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
        scanner = service.getBean(DeadlineScanner.class);
        jdbc = service.getBean(JdbcClient.class);
        if (jdbc.sql("SELECT count(*) FROM trajectory WHERE patient_pseudonym LIKE 'bench%'").query(Long.class).single() == 0) {
            seed();
        }
        scanner.scan(); // nothing is due yet; brings the pool, the plan cache and the JIT up
        ids = new ArrayList<>(jdbc.sql("SELECT id FROM deadline WHERE patient_pseudonym LIKE 'bench%' ORDER BY id").query().singleColumn());
    }

    /**
     * 100,000 colorectal trajectories in status REFERRED, each with its OF1 deadline open, warnings spread over the
     * 60 days after {@link #NOW} (so an ordinary pass finds a handful due, as in production).
     */
    private void seed() {
        jdbc.sql("""
                        INSERT INTO trajectory (id, patient_pseudonym, pathway, definition_version, status, start_date, start_hospital_org,
                                                hospital_org, hospital_name, municipality)
                        SELECT gen_random_uuid(), 'bench' || lpad(g::text, 16, '0'), 'A12', DATE '2015-01-01', 'REFERRED',
                               DATE '2040-06-01' + (g % 60), '983974899', '983974899', 'Benchmark HF', '0301'
                        FROM generate_series(1, ?) g""")
                .param(OPEN_TRAJECTORIES).update();
        jdbc.sql("""
                        INSERT INTO deadline (id, trajectory_id, patient_pseudonym, pathway, lead_interval, awaiting, standard_days, from_date,
                                              due_date, due_at, warn_at, next_fire_at, status)
                        SELECT gen_random_uuid(), t.id, t.patient_pseudonym, 'A12', 'OF1', 'first visit (A12S)', 9, t.start_date,
                               t.start_date + 9, w.at + interval '2 days', w.at, w.at, 'OPEN'
                        FROM trajectory t,
                             LATERAL (SELECT ?::timestamptz + (random() * interval '60 days') + interval '1 minute' AS at) w
                        WHERE t.patient_pseudonym LIKE 'bench%'""")
                .param(Timestamp.from(NOW)).update();
        jdbc.sql("ANALYZE deadline").update();
        jdbc.sql("ANALYZE trajectory").update();
    }

    /** Makes {@code due} deadlines (a different set each time) due at NOW, as if their warning time had just come. */
    @Setup(Level.Iteration)
    public void makeDue() {
        if (due == 0) {
            return;
        }
        List<Object> chosen = new ArrayList<>(due);
        for (int i = 0; i < due; i++) {
            chosen.add(ids.get((round * due + i) % ids.size()));
        }
        round++;
        Timestamp warnAt = Timestamp.from(NOW.minus(Duration.ofMinutes(1)));
        Timestamp dueAt = Timestamp.from(NOW.plus(Duration.ofDays(2)));
        jdbc.sql("""
                        UPDATE deadline SET warn_at = :warnAt, due_at = :dueAt, next_fire_at = :warnAt, warn_fired_at = NULL,
                                            breach_fired_at = NULL, warn_suppressed = false
                        WHERE id IN (:ids)""")
                .param("warnAt", warnAt).param("dueAt", dueAt).param("ids", chosen).update();
    }

    @Benchmark
    public DeadlineScanner.ScanResult scanPass() {
        DeadlineScanner.ScanResult result = scanner.scan();
        if (result.approaching() != due) {
            throw new IllegalStateException("expected " + due + " warnings in the pass, fired " + result.approaching());
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void stop() {
        service.close();
    }
}
