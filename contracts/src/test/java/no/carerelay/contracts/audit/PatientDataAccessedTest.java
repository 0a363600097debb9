package no.carerelay.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PatientDataAccessedTest {

    private static final String PATIENT = "V0ZiC-9rz90j2sKVbB5-Uw";

    @Test
    void shouldGiveARowTheSameAccessIdEveryTimeAndAnotherServicesRowWithTheSameIdAnother() {
        assertThat(PatientDataAccessed.accessId("trajectory-service", 42)).isEqualTo(PatientDataAccessed.accessId("trajectory-service", 42))
                .isNotEqualTo(PatientDataAccessed.accessId("trajectory-service", 43))
                .isNotEqualTo(PatientDataAccessed.accessId("collaboration-service", 42));
    }

    @Test
    void shouldCutTextToTheSchemasLimitsAndLeaveOutAMunicipalityThatIsNoKommunenummer() {
        PatientDataAccessed event = PatientDataAccessed.ofLogEntry("trajectory-service", 7, PATIENT, Instant.EPOCH, "u".repeat(150),
                List.of("pathway-coordinator"), "o".repeat(101), "Oslo", "trajectory", "a".repeat(120), "GRANTED", "r".repeat(600));

        assertThat(event.accessId()).isEqualTo(PatientDataAccessed.accessId("trajectory-service", 7));
        assertThat(event.actor()).hasSize(100);
        assertThat(event.actorOrganisation()).hasSize(100);
        assertThat(event.action()).hasSize(100);
        assertThat(event.reason()).hasSize(500);
        assertThat(event.actorMunicipality()).isNull();
        assertThat(PatientDataAccessed.ofLogEntry("trajectory-service", 7, PATIENT, Instant.EPOCH, null, List.of(), null, "0301", "trajectory",
                "read", "DENIED", null).actorMunicipality()).isEqualTo("0301");
    }

    @Test
    void shouldPublishOnlyPseudonymsAndNameAFilterRefusalInFixedWords() {
        assertThat(PatientDataAccessed.publishable(PATIENT)).isTrue();
        assertThat(PatientDataAccessed.publishable("01017012345; DROP")).isFalse();
        assertThat(PatientDataAccessed.publishable(null)).isFalse();
        assertThat(PatientDataAccessed.refusedRequestReason(401)).isEqualTo("401: the request carried no valid bearer token");
        assertThat(PatientDataAccessed.refusedRequestReason(405)).startsWith("405: ");
    }
}
