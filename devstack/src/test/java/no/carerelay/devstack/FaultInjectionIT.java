package no.carerelay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The short fault run of the default build: the platform as separate processes, 1,500 discharge-ready notices
 * over JSON and HL7, and seven faults (kill -9 of every service, a consumer paused past its session timeout,
 * the webhook receiver down, Kafka killed and restarted). Nothing acknowledged may be lost, no side effect may
 * happen twice, nothing may arrive that was not sent. The long run is {@code ./devstack/faults}.
 */
class FaultInjectionIT {

    @Test
    void shouldLoseNothingAndDoubleNothingWhenProcessesAreKilledPausedAndRestarted() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path state = Path.of("target/faults/run-" + System.currentTimeMillis()).toAbsolutePath();

        FaultRun.Result result = new FaultRun(root, state, FaultRun.Plan.quick()).run();

        System.out.println(result);
        assertThat(result.ok()).as("acknowledged requests").isGreaterThan(1000);
        assertThat(result.faults()).isEqualTo(FaultRun.Plan.quick().faults().size());
        assertThat(result.lost()).as("acknowledged but never delivered").isZero();
        assertThat(result.duplicated()).as("side effects that happened twice: %s", result.duplicatesBySink()).isZero();
        assertThat(result.unexpected()).as("delivered but never acknowledged").isZero();
    }
}
