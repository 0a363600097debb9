package no.carerelay.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointCoverageTest {

    @Test
    void shouldTreatProbesTheScrapeAndTheApiDescriptionAsPublicAndNothingElse() {
        assertThat(EndpointCoverage.isPublic("/actuator/health/readiness")).isTrue();
        assertThat(EndpointCoverage.isPublic("/v3/api-docs/swagger-config")).isTrue();
        assertThat(EndpointCoverage.isPublic("/error")).isTrue();
        assertThat(EndpointCoverage.isPublic("/api/v1/ingest-log")).isFalse();
        assertThat(EndpointCoverage.isPublic("/actuator/env")).isFalse();
    }

    @Test
    void shouldRefuseARuleWithoutRoles() {
        assertThatThrownBy(() -> new EndpointRule(org.springframework.http.HttpMethod.GET, "/x", java.util.Set.of()))
                .hasMessageContaining("at least one role");
    }

    @Test
    void shouldEscapeProblemDetailsAsJson() {
        assertThat(ProblemWriter.escape("a \"b\"\\\n\u0001")).isEqualTo("a \\\"b\\\"\\\\\\n\\u0001");
    }
}
