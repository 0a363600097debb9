package no.carerelay.trajectory.deadline;

import static no.carerelay.trajectory.support.TrajectoryEvents.newHospital;
import static no.carerelay.trajectory.support.TrajectoryEvents.newPseudonym;
import static no.carerelay.trajectory.support.TrajectoryEvents.published;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.trajectory.DeadlineApproaching;
import no.carerelay.contracts.trajectory.DeadlineBreached;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.trajectory.TrajectoryServiceApplication;
import no.carerelay.trajectory.support.MutableClock;
import no.carerelay.trajectory.trajectory.PathwayEventCommand;
import no.carerelay.trajectory.trajectory.TrajectoryService;
import no.carerelay.trajectory.pathway.TreatmentType;

/**
 * Deadlines are rows, not timers: a service that stops (or dies mid-pass) and starts again loses none and doubles
 * none. Two service instances are started one after the other on the same database; a pass whose transaction never
 * commits stands in for a process killed mid-pass. Dates lie in 2031 so no other test's real-time scanner sees them.
 */
class DeadlinesSurviveRestartIT {

    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2031-02-01T09:00:00Z"));

    @Test
    void shouldNeitherLoseNorDoubleADeadlineWhenTheServiceIsStoppedAndStartedAgain() {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        UUID trajectory;
        try (ConfigurableApplicationContext first = start()) {
            // lung OF1 7 days ([unconfirmed] data), OF2 21: A 1 Feb, S 3 Feb -> OF2 due 24 Feb
            trajectory = register(first, patient, "A13A", LocalDate.of(2031, 2, 1), hospital, null);
            register(first, patient, "A13S", LocalDate.of(2031, 2, 3), hospital, null);
            clock.set(Instant.parse("2031-02-23T08:00:00Z")); // 23 Feb: the warning for OF2 is due
            first.getBean(DeadlineScanner.class).scan();
        }
        try (ConfigurableApplicationContext second = start()) {
            DeadlineScanner scanner = second.getBean(DeadlineScanner.class);
            scanner.scan(); // the warning is not sent again
            clock.set(Instant.parse("2031-02-25T08:00:00Z")); // the deadline passed at 00:00 on 25 Feb
            scanner.scan();
            scanner.scan();
        }
        List<DeadlineApproaching> approaching = published(kafka, patient, EventTypes.DEADLINE_APPROACHING, Duration.ofSeconds(2));
        List<DeadlineBreached> breached = published(kafka, patient, EventTypes.DEADLINE_BREACHED, Duration.ofMillis(200));
        assertThat(approaching).extracting(a -> a.interval().name()).containsExactly("OF2");
        assertThat(breached).extracting(b -> b.interval().name()).containsExactly("OF2");
        assertThat(breached.get(0).trajectoryId()).isEqualTo(trajectory);
        assertThat(breached.get(0).dueDate()).isEqualTo(LocalDate.of(2031, 2, 24));
    }

    @Test
    void shouldFireOnceAfterRestartWhatAPassKilledBeforeItsCommitHadFound() {
        String patient = newPseudonym();
        OrganisationRef hospital = newHospital();
        try (ConfigurableApplicationContext first = start()) {
            // lymphoma OF1 4 days (domain brief §1): A 1 March 2031 -> first visit by 5 March
            register(first, patient, "A30A", LocalDate.of(2031, 3, 1), hospital, null);
            clock.set(Instant.parse("2031-03-06T08:00:00Z")); // warning and breach both due: only the breach goes out
            DeadlineScanner scanner = first.getBean(DeadlineScanner.class);
            first.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                DeadlineScanner.ScanResult found = scanner.scan();
                assertThat(found.breached()).isPositive();
                status.setRollbackOnly(); // the process dies before the commit: nothing of the pass survives
            });
        }
        assertThat(published(kafka, patient, EventTypes.DEADLINE_BREACHED, Duration.ofSeconds(2))).as("nothing escaped the lost pass").isEmpty();
        try (ConfigurableApplicationContext second = start()) {
            second.getBean(DeadlineScanner.class).scan();
            second.getBean(DeadlineScanner.class).scan();
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT warn_suppressed FROM deadline WHERE patient_pseudonym = ? AND lead_interval = 'OF1'").param(patient)
                    .query(Boolean.class).single()).isTrue();
        }
        assertThat(published(kafka, patient, EventTypes.DEADLINE_BREACHED, Duration.ofSeconds(2))).hasSize(1);
        assertThat(published(kafka, patient, EventTypes.DEADLINE_APPROACHING, Duration.ofMillis(200))).isEmpty();
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        TestInfrastructure.springProperties("trajectory").forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--carerelay.trajectory.deadlines.initial-delay=PT1H");
        return TrajectoryServiceApplication.application()
                .initializers(context -> ((GenericApplicationContext) context).registerBean("testClock", Clock.class, () -> clock,
                        definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
    }

    private static UUID register(ConfigurableApplicationContext context, String patient, String code, LocalDate date, OrganisationRef hospital,
            TreatmentType planned) {
        return context.getBean(TrajectoryService.class).register(new PathwayEventCommand(patient, code, date, "0301", hospital, planned,
                PathwayEventCommand.Source.API, UUID.randomUUID())).trajectoryId();
    }
}
