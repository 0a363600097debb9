package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Role;

class AccessEventsTest {

    private static final String PSEUDONYM = "p0123456789abcdef01234";
    private static final Instant AT = Instant.parse("2030-01-01T08:00:00.123456Z");

    @Test
    void shouldGiveAnEntryTheSameAccessIdEveryTimeAndEveryEntryItsOwn() {
        assertThat(AccessEvents.accessId(42)).isEqualTo(AccessEvents.accessId(42))
                .isEqualTo(UUID.nameUUIDFromBytes("collaboration-service:access_log:42".getBytes(StandardCharsets.UTF_8)));
        assertThat(AccessEvents.accessId(42)).isNotEqualTo(AccessEvents.accessId(43));
    }

    @Test
    void shouldPublishOnlyEntriesWhosePatientIsAPseudonym() {
        assertThat(AccessEvents.publishable(PSEUDONYM)).isTrue();
        assertThat(AccessEvents.publishable(null)).isFalse();
        assertThat(AccessEvents.publishable("short")).isFalse();
        assertThat(AccessEvents.publishable("not a pseudonym at all")).isFalse();
        assertThat(AccessEvents.publishable("x".repeat(65))).isFalse();
    }

    @Test
    void shouldKeepWhatTheSchemaCannotTakeOutOfTheEventAndStillPassTheSchema() {
        Actor odd = new Actor("u".repeat(120), Set.of(Role.PATHWAY_COORDINATOR, Role.AUDITOR), "o".repeat(150), "Oslo");

        PatientDataAccessed event = AccessEvents.of(7, AT, odd, "care-team", PSEUDONYM, "read-care-team", "DENIED", "r".repeat(800));

        assertThat(event.actor()).hasSize(100);
        assertThat(event.actorRoles()).containsExactly("pathway-coordinator", "auditor");
        assertThat(event.actorOrganisation()).hasSize(100);
        assertThat(event.actorMunicipality()).as("not a kommunenummer").isNull();
        assertThat(event.reason()).hasSize(500);
        new EventCodec().writeValidated(EventEnvelope.of(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, "/carerelay/collaboration-service",
                PSEUDONYM, event));
    }

    @Test
    void shouldPublishNoActorForARequestWithoutAValidToken() {
        PatientDataAccessed event = AccessEvents.of(8, AT, null, "request", PSEUDONYM, "GET", "DENIED", AccessEvents.refusedRequestReason(401));

        assertThat(event.actor()).isNull();
        assertThat(event.actorRoles()).isEmpty();
        assertThat(event.actorOrganisation()).isNull();
        assertThat(event.actorMunicipality()).isNull();
        assertThat(event.reason()).isEqualTo("401: the request carried no valid bearer token");
    }
}
