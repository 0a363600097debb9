package no.carerelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    private static final Supplier<Optional<String>> DOCKER = Optional::empty;
    private static final Supplier<Optional<String>> NO_DOCKER = () -> Optional.of("no Docker engine");
    private static final Supplier<Optional<String>> MUST_NOT_PROBE = () -> {
        throw new AssertionError("Docker probed although the mode was explicit");
    };

    @Test
    void shouldUseContainersInAutoModeOnlyWhenDockerAnswers() {
        assertThat(InfrastructureMode.decide(null, null, DOCKER).containers()).isTrue();
        InfrastructureMode embedded = InfrastructureMode.decide(null, null, NO_DOCKER);
        assertThat(embedded.containers()).isFalse();
        assertThat(embedded.reason()).isEqualTo("default mode auto: no Docker engine");
        assertThat(InfrastructureMode.decide(" ", "", NO_DOCKER).containers()).isFalse();
        assertThat(InfrastructureMode.decide("AUTO", null, DOCKER).containers()).isTrue();
    }

    @Test
    void shouldObeyAnExplicitModeWithoutProbing() {
        assertThat(InfrastructureMode.decide("embedded", null, MUST_NOT_PROBE).containers()).isFalse();
        assertThat(InfrastructureMode.decide(null, "testcontainers", MUST_NOT_PROBE).containers()).isTrue();
        assertThat(InfrastructureMode.decide(null, "Embedded ", MUST_NOT_PROBE).reason())
                .isEqualTo("CARERELAY_TESTKIT_INFRASTRUCTURE=embedded");
    }

    @Test
    void shouldLetTheSystemPropertyWinOverTheEnvironment() {
        InfrastructureMode mode = InfrastructureMode.decide("embedded", "testcontainers", MUST_NOT_PROBE);
        assertThat(mode.containers()).isFalse();
        assertThat(mode.reason()).isEqualTo("-Dcarerelay.testkit.infrastructure=embedded");
    }

    @Test
    void shouldRefuseAnUnknownMode() {
        assertThatThrownBy(() -> InfrastructureMode.decide("docker", null, DOCKER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedded, testcontainers or auto");
    }
}
