package no.carerelay.collaboration.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeniedRequestLogTest {

    private static final String PSEUDONYM = "p0123456789abcdef01234";

    @Test
    void shouldFileARefusedRequestUnderThePatientItsPathNames() {
        assertThat(DeniedRequestLog.patient("/api/v1/patients/" + PSEUDONYM + "/care-team")).isEqualTo(PSEUDONYM);
        assertThat(DeniedRequestLog.patient("/api/v1/patients/" + PSEUDONYM + "/care-team/8d32ff2a-8ead-4590-850c-baa86c8e5cd4"))
                .isEqualTo(PSEUDONYM);
        assertThat(DeniedRequestLog.patient("/api/v1/patients/" + PSEUDONYM)).isEqualTo(PSEUDONYM);
    }

    @Test
    void shouldFileNoPatientWhenThePathNamesNoneOrSomethingThatIsNoPseudonym() {
        assertThat(DeniedRequestLog.patient("/api/v1/handover-cases/8d32ff2a-8ead-4590-850c-baa86c8e5cd4")).isNull();
        assertThat(DeniedRequestLog.patient("/api/v1/patients")).isNull();
        assertThat(DeniedRequestLog.patient("/api/v1/patients/short/tasks")).isNull();
        assertThat(DeniedRequestLog.patient("/api/v1/patients/%3Cscript%3Ealert(1)%3C%2Fscript%3E-padding/tasks")).isNull();
        assertThat(DeniedRequestLog.patient("/api/v1/patients/" + "x".repeat(65) + "/tasks")).isNull();
        assertThat(DeniedRequestLog.patient(null)).isNull();
    }
}
