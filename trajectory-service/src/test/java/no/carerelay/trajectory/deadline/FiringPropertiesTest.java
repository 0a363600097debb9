package no.carerelay.trajectory.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Fire-once, as properties: random deadlines scanned at random moments (in order, out of order as two instances
 * with skewed clocks would, repeated), with random crashes that lose a pass's work before it commits. Counting only
 * what was committed: each action fires at most once; the breach exactly once as soon as a committed pass saw its
 * time; a warning never goes out once the breach is due. Fixed seeds: a failure reproduces.
 */
class FiringPropertiesTest {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    @RepeatedTest(50)
    void shouldFireEachActionAtMostOnceAndTheBreachExactlyOnceAcrossCrashesAndRestarts(RepetitionInfo repetition) {
        Random random = new Random(7_000 + repetition.getCurrentRepetition());
        for (int deadline = 0; deadline < 500; deadline++) {
            Instant dueAt = EPOCH.plus(Duration.ofMinutes(random.nextInt(100_000)));
            Instant warnAt = random.nextBoolean() ? dueAt.minus(Duration.ofMinutes(random.nextInt(5_000))) : null;
            Instant handoverAt = warnAt == null && random.nextBoolean() ? dueAt.minus(Duration.ofMinutes(random.nextInt(50_000))) : null;
            Firing.State stored = new Firing.State(warnAt, handoverAt, dueAt, false, false, false);

            List<Instant> scans = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                scans.add(EPOCH.plus(Duration.ofMinutes(random.nextInt(120_000))));
            }
            if (random.nextBoolean()) {
                Collections.sort(scans);
            }
            int warned = 0;
            int handedOver = 0;
            int breached = 0;
            boolean committedScanAfterDue = false;
            for (Instant now : scans) {
                Firing firing = Firing.at(stored, now);
                boolean crashedBeforeCommit = random.nextInt(5) == 0;
                if (crashedBeforeCommit) {
                    continue; // nothing of this pass survives: not the events (outbox), not the fired marks
                }
                if (firing.warn()) {
                    assertThat(now).as("no warning once the deadline has passed").isBefore(dueAt);
                    warned++;
                }
                handedOver += firing.handover() ? 1 : 0;
                breached += firing.breach() ? 1 : 0;
                committedScanAfterDue |= !now.isBefore(dueAt);
                stored = firing.after();
            }
            assertThat(warned).isLessThanOrEqualTo(1);
            assertThat(handedOver).isLessThanOrEqualTo(1);
            assertThat(breached).isEqualTo(committedScanAfterDue ? 1 : 0);
            if (stored.breached()) {
                assertThat(stored.warned() || warnAt == null).as("the warning is settled (sent or suppressed) with the breach").isTrue();
                assertThat(stored.handedOver() || handoverAt == null).as("a due handover is never skipped").isTrue();
            }
            Instant next = stored.nextFireAt();
            if (next != null) {
                assertThat(Firing.at(stored, next.minusNanos(1)).any()).as("nothing fires before nextFireAt").isFalse();
                assertThat(Firing.at(stored, next).any()).as("something fires at nextFireAt").isTrue();
            }
        }
    }

    @Test
    void shouldSendOnlyTheBreachWhenTheWarningWasMissedWhileTheServiceWasDown() {
        Instant due = Instant.parse("2026-11-27T23:00:00Z");
        Firing firing = Firing.at(new Firing.State(due.minus(Duration.ofDays(2)), null, due, false, false, false), due.plusSeconds(60));
        assertThat(firing.warn()).isFalse();
        assertThat(firing.suppressWarning()).isTrue();
        assertThat(firing.breach()).isTrue();
        assertThat(firing.after().nextFireAt()).isNull();
    }

    @Test
    void shouldFireNothingBeforeTheWarningTime() {
        Instant due = Instant.parse("2026-11-27T23:00:00Z");
        Firing.State state = new Firing.State(due.minus(Duration.ofDays(2)), null, due, false, false, false);
        assertThat(Firing.at(state, due.minus(Duration.ofDays(2)).minusMillis(1)).any()).isFalse();
        assertThat(state.nextFireAt()).isEqualTo(due.minus(Duration.ofDays(2)));
    }
}
