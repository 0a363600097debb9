package no.carerelay.trajectory.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;

class AccessEventsTest {

    private static final String PSEUDONYM = "p0123456789abcdef01234";
    private static final Instant AT = Instant.parse("2030-01-01T08:00:00.123456Z");

    @Test
    void shouldMapEveryOutcomeWordOfTheLogToGrantedOrDenied() {
        assertThat(AccessEvents.decision("read")).isEqualTo("GRANTED");
        assertThat(AccessEvents.decision("registered")).isEqualTo("GRANTED");
        assertThat(AccessEvents.decision("refused")).as("the caller was let in; the pathway's rules refused the event").isEqualTo("GRANTED");
        assertThat(AccessEvents.decision(AccessLog.DENIED)).isEqualTo("DENIED");
        assertThatThrownBy(() -> AccessEvents.decision("maybe")).as("a new word must be mapped before it is written")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNameTheResourceAfterTheAction() {
        assertThat(AccessEvents.resource("register-pathway-event")).isEqualTo("pathway-event");
        assertThat(AccessEvents.resource("read-timeline")).isEqualTo("trajectory");
        assertThat(AccessEvents.resource("api-request")).isEqualTo("request");
    }

    @Test
    void shouldGiveAnEntryTheSameAccessIdEveryTimeAndEveryEntryItsOwn() {
        assertThat(AccessEvents.accessId(42)).isEqualTo(AccessEvents.accessId(42))
                .isEqualTo(UUID.nameUUIDFromBytes("trajectory-service:access_log:42".getBytes(StandardCharsets.UTF_8)));
        assertThat(AccessEvents.accessId(42)).isNotEqualTo(AccessEvents.accessId(43));
    }

    @Test
    void shouldPublishAMunicipalityOnlyForACallerThatActsForOne() {
        Caller coordinator = new Caller("kk-0301", Set.of(Role.MUNICIPAL_COORDINATOR), "974760673", "0301");
        Caller hospitalWithClaim = new Caller("forlop-1", Set.of(Role.PATHWAY_COORDINATOR), "983974899", "0301");

        assertThat(AccessEvents.of(1, AT, coordinator, PSEUDONYM, "read-timeline", "read", null).actorMunicipality()).isEqualTo("0301");
        assertThat(AccessEvents.of(2, AT, hospitalWithClaim, PSEUDONYM, "read-timeline", "read", null).actorMunicipality())
                .as("a kommunenummer claim on a hospital token is not acted on").isNull();
    }

    @Test
    void shouldKeepWhatTheSchemaCannotTakeOutOfTheEventAndStillPassTheSchema() {
        Caller odd = new Caller("u".repeat(120), Set.of(Role.MUNICIPAL_COORDINATOR, Role.PATHWAY_COORDINATOR), "o".repeat(150), "Oslo");

        PatientDataAccessed event = AccessEvents.of(7, AT, odd, PSEUDONYM, "read-timeline", AccessLog.DENIED, "r".repeat(800));

        assertThat(event.actor()).hasSize(100);
        assertThat(event.actorRoles()).containsExactly("municipal-coordinator", "pathway-coordinator");
        assertThat(event.actorOrganisation()).hasSize(100);
        assertThat(event.actorMunicipality()).as("not a kommunenummer").isNull();
        assertThat(event.reason()).hasSize(500);
        new EventCodec().writeValidated(EventEnvelope.of(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, "/carerelay/trajectory-service",
                PSEUDONYM, event));
    }

    @Test
    void shouldPublishNoActorForARequestWithoutAValidToken() {
        PatientDataAccessed event = AccessEvents.of(8, AT, null, PSEUDONYM, "read-timeline", AccessLog.DENIED,
                AccessEvents.refusedRequestReason(401));

        assertThat(event.actor()).isNull();
        assertThat(event.actorRoles()).isEmpty();
        assertThat(event.actorOrganisation()).isNull();
        assertThat(event.actorMunicipality()).isNull();
        assertThat(event.reason()).isEqualTo("401: the request carried no valid bearer token");
    }
}
