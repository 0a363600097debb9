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

/**
 * Deadlines are rows, not timers: a service that stops (or dies mid-pass) and starts again loses none and doubles
 * none. Two service instances are started one after the other on the same database; a pass whose transaction never
 * commits stands in for a process killed mid-pass. Dates lie in 2031 so no other test's real-time scanner sees them.
 */
class DeadlinesSurviveRestartIT {

    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2031-02-01T09:00:00Z"));

    @Test
    void shouldNeitherLoseNorDoubleADeadlineWhenTheServiceStopsOrDiesMidPassAndStartsAgain() {
        String lung = newPseudonym();
        String lymphoma = newPseudonym();
        OrganisationRef hospital = newHospital();
        UUID lungTrajectory;
        try (ConfigurableApplicationContext first = start()) {
            // lung OF2 21 days ([unconfirmed] data): A 1 Feb, S 3 Feb 2031 -> clinical decision by 24 Feb
            lungTrajectory = register(first, lung, "A13A", LocalDate.of(2031, 2, 1), hospital);
            register(first, lung, "A13S", LocalDate.of(2031, 2, 3), hospital);
            // lymphoma OF1 4 days (domain brief §1): A 26 Feb 2031 -> first visit by 2 March
            register(first, lymphoma, "A30A", LocalDate.of(2031, 2, 26), hospital);
            DeadlineScanner scanner = first.getBean(DeadlineScanner.class);

            clock.set(Instant.parse("2031-02-23T08:00:00Z")); // 23 Feb: the lung OF2 warning is due, and sent
            scanner.scan();

            clock.set(Instant.parse("2031-03-06T08:00:00Z")); // both deadlines have passed
            first.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                assertThat(scanner.scan().breached()).isGreaterThanOrEqualTo(2);
                status.setRollbackOnly(); // the process dies before the commit: nothing of this pass survives
            });
        }
        assertThat(published(kafka, lung, EventTypes.DEADLINE_BREACHED, Duration.ofSeconds(1))).as("nothing escaped the lost pass").isEmpty();
        assertThat(published(kafka, lymphoma, EventTypes.DEADLINE_BREACHED, Duration.ofMillis(100))).isEmpty();

        try (ConfigurableApplicationContext second = start()) {
            DeadlineScanner scanner = second.getBean(DeadlineScanner.class);
            scanner.scan();
            scanner.scan();
            assertThat(second.getBean(JdbcClient.class).sql("SELECT warn_suppressed FROM deadline WHERE patient_pseudonym = ?")
                    .param(lymphoma).query(Boolean.class).single()).as("the lymphoma warning came too late to send").isTrue();
        }
        List<DeadlineApproaching> lungWarnings = published(kafka, lung, EventTypes.DEADLINE_APPROACHING, Duration.ofSeconds(1));
        List<DeadlineBreached> lungBreaches = published(kafka, lung, EventTypes.DEADLINE_BREACHED, Duration.ofMillis(100));
        assertThat(lungWarnings).extracting(a -> a.interval().name()).containsExactly("OF2");
        assertThat(lungBreaches).extracting(b -> b.interval().name()).containsExactly("OF2");
        assertThat(lungBreaches.get(0).trajectoryId()).isEqualTo(lungTrajectory);
        assertThat(lungBreaches.get(0).dueDate()).isEqualTo(LocalDate.of(2031, 2, 24));
        assertThat(published(kafka, lymphoma, EventTypes.DEADLINE_BREACHED, Duration.ofMillis(100))).extracting(b -> b.interval().name())
                .containsExactly("OF1");
        assertThat(published(kafka, lymphoma, EventTypes.DEADLINE_APPROACHING, Duration.ofMillis(100))).isEmpty();
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

    private static UUID register(ConfigurableApplicationContext context, String patient, String code, LocalDate date, OrganisationRef hospital) {
        return context.getBean(TrajectoryService.class).register(new PathwayEventCommand(patient, code, date, "0301", hospital, null,
                PathwayEventCommand.Source.API, UUID.randomUUID())).trajectoryId();
    }
}
