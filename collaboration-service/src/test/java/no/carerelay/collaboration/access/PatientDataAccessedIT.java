package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.carerelay.collaboration.identity.Actor;
import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Role;
import no.carerelay.testkit.KafkaTestClient;

/**
 * Every access-log entry that names a patient reaches {@code collaboration.access.v1} as one {@link PatientDataAccessed}
 * keyed by the pseudonym, for patient-service to show the patient who looked: granted reads, the service's own
 * refusals, the filter's refusals on a patient's path and one per patient of a listing. Every record is read back with
 * the {@code EventCodec}, which checks it against the schema. Entries without a patient, or with something that is
 * no pseudonym, stay in the table only.
 */
class PatientDataAccessedIT extends CollaborationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Autowired
    AccessLog accessLog;

    @Autowired
    AccessLogVerifier verifier;

    @Test
    void shouldPublishAGrantedReadOfACaseOnceKeyedByThePatientWithWhoReadItForWhichMunicipality() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        UUID caseId = openCase(pseudonym, municipality);
        String coordinator = "kk-" + municipality;

        assertThat(get("/api/v1/handover-cases/" + caseId, asMunicipalCoordinator(coordinator, municipality)).statusCode()).isEqualTo(200);

        PatientDataAccessed accessed = exactlyOne(pseudonym);
        Entry entry = onlyEntry(pseudonym);
        assertThat(accessed.accessId()).as("stable per entry").isEqualTo(accessId(entry.id()));
        assertThat(accessed.patientPseudonym()).isEqualTo(pseudonym);
        assertThat(accessed.accessedAt()).isEqualTo(entry.at());
        assertThat(accessed.service()).isEqualTo("collaboration-service");
        assertThat(accessed.actor()).isEqualTo(coordinator);
        assertThat(accessed.actorRoles()).containsExactly("municipal-coordinator");
        assertThat(accessed.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(accessed.actorMunicipality()).isEqualTo(municipality);
        assertThat(accessed.resource()).isEqualTo("handover-case");
        assertThat(accessed.action()).isEqualTo("read");
        assertThat(accessed.decision()).isEqualTo("GRANTED");
        assertThat(accessed.reason()).isEqualTo("work-related need");
    }

    @Test
    void shouldPublishAnotherMunicipalitysAttemptToReadTheCaseAsDeniedWithTheServicesReason() {
        String pseudonym = newPseudonym();
        String addressed = newMunicipality();
        String other = newMunicipality();
        UUID caseId = openCase(pseudonym, addressed);

        assertThat(get("/api/v1/handover-cases/" + caseId, asMunicipality("fagsystem-" + other, other)).statusCode()).isEqualTo(403);

        PatientDataAccessed refused = exactlyOne(pseudonym);
        assertThat(refused.accessId()).isEqualTo(accessId(onlyEntry(pseudonym).id()));
        assertThat(refused.actor()).isEqualTo("fagsystem-" + other);
        assertThat(refused.actorRoles()).containsExactly("municipality");
        assertThat(refused.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(refused.actorMunicipality()).isEqualTo(other);
        assertThat(refused.resource()).isEqualTo("handover-case");
        assertThat(refused.action()).isEqualTo("read");
        assertThat(refused.decision()).isEqualTo("DENIED");
        assertThat(refused.reason()).isEqualTo("acting for " + other + "; the case is addressed to " + addressed);
    }

    @Test
    void shouldPublishRequestsTheFilterRefusedOnAPatientsPathAsDeniedWithoutQuotingThePath() {
        String pseudonym = newPseudonym();

        assertThat(get("/api/v1/patients/" + pseudonym + "/care-team", asAuditor("revisor-7")).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/patients/" + pseudonym + "/tasks", null).statusCode()).isEqualTo(401);

        List<PatientDataAccessed> refused = exactly(pseudonym, 2);
        assertThat(refused).extracting(PatientDataAccessed::decision).containsOnly("DENIED");
        assertThat(refused).extracting(PatientDataAccessed::resource).containsOnly("request");
        assertThat(refused).extracting(PatientDataAccessed::action).containsOnly("GET");
        // the filter answers before it logs, so the two may reach the topic in either order
        PatientDataAccessed forbidden = refused.stream().filter(event -> event.actor() != null).findFirst().orElseThrow();
        assertThat(forbidden.actor()).isEqualTo("revisor-7");
        assertThat(forbidden.actorRoles()).containsExactly("auditor");
        assertThat(forbidden.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(forbidden.actorMunicipality()).isNull();
        assertThat(forbidden.reason()).isEqualTo("403: the caller's roles do not allow this request");
        PatientDataAccessed unauthenticated = refused.stream().filter(event -> event.actor() == null).findFirst().orElseThrow();
        assertThat(unauthenticated.actor()).as("who sent no valid token is not known").isNull();
        assertThat(unauthenticated.actorRoles()).isEmpty();
        assertThat(unauthenticated.actorOrganisation()).isNull();
        assertThat(unauthenticated.reason()).isEqualTo("401: the request carried no valid bearer token");
        assertThat(refused).extracting(PatientDataAccessed::accessId).containsExactlyInAnyOrderElementsOf(
                jdbc.sql("SELECT id FROM access_log WHERE patient_pseudonym = ?").param(pseudonym).query(Long.class).list().stream()
                        .map(PatientDataAccessedIT::accessId).toList());
        assertThat(refused).extracting(PatientDataAccessed::reason).allSatisfy(reason -> assertThat(reason).doesNotContain("/api/v1"));
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE patient_pseudonym = ?").param(pseudonym).query(String.class).list())
                .as("the entries themselves keep the resource server's detail, as before")
                .satisfiesExactlyInAnyOrder(reason -> assertThat(reason).startsWith("403 ").contains("/care-team"),
                        reason -> assertThat(reason).startsWith("401 "));
    }

    @Test
    void shouldPublishOneEventPerPatientAListingShowed() {
        String municipality = newMunicipality();
        List<String> patients = List.of(newPseudonym(), newPseudonym(), newPseudonym());
        patients.forEach(pseudonym -> openCase(pseudonym, municipality));

        assertThat(body(get("/api/v1/handover-cases", asMunicipality("fagsystem-" + municipality, municipality))).get("total").asLong())
                .isEqualTo(3);

        Set<UUID> ids = new java.util.HashSet<>();
        for (String pseudonym : patients) {
            PatientDataAccessed listed = exactlyOne(pseudonym);
            assertThat(listed.patientPseudonym()).isEqualTo(pseudonym);
            assertThat(listed.accessId()).isEqualTo(accessId(onlyEntry(pseudonym).id()));
            assertThat(listed.actor()).isEqualTo("fagsystem-" + municipality);
            assertThat(listed.actorRoles()).containsExactly("municipality");
            assertThat(listed.actorMunicipality()).isEqualTo(municipality);
            assertThat(listed.resource()).isEqualTo("handover-case");
            assertThat(listed.action()).isEqualTo("list");
            assertThat(listed.decision()).isEqualTo("GRANTED");
            assertThat(listed.reason()).isEqualTo("listed");
            ids.add(listed.accessId());
        }
        assertThat(ids).as("one entry, and so one access id, per patient").hasSize(3);
    }

    @Test
    void shouldNotPublishARefusedRequestWhosePathNamesNoPatient() {
        String user = "revisor-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/v1/handover-cases/" + UUID.randomUUID();
        assertThat(get(path, asAuditor(user)).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE resource_id = ? AND actor = ? AND patient_pseudonym IS NULL").params(path, user)
                .query(Long.class).single()).isEqualTo(1);

        assertThat(publishedActors()).doesNotContain(user);
    }

    @Test
    void shouldKeepAnEntryWhosePatientIsNoPseudonymWithoutPublishingItOrFailingTheRequest() {
        String notAPseudonym = "not a pseudonym " + UUID.randomUUID();
        String user = "kk-" + UUID.randomUUID().toString().substring(0, 8);

        accessLog.granted(new Actor(user, Set.of(Role.MUNICIPAL_COORDINATOR), "974760673", "0301"), "care-team", notAPseudonym,
                notAPseudonym, "read-care-team");

        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE patient_pseudonym = ?").param(notAPseudonym).query(Long.class).single())
                .isEqualTo(1);
        assertThat(verifier.verify().intact()).as("the chain takes the entry as any other").isTrue();
        assertThat(publishedActors()).doesNotContain(user);
    }

    @Test
    void shouldWriteNoEntryWhoseEventCannotBeStoredSinceBothAreOneTransaction() {
        String pseudonym = newPseudonym();

        // a blank resource: the entry's insert has run when the contract refuses the event
        assertThatThrownBy(() -> accessLog.granted(new Actor("kk-0301", Set.of(Role.MUNICIPAL_COORDINATOR), null, "0301"), " ", "x", pseudonym,
                "read")).isInstanceOf(IllegalArgumentException.class);

        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE patient_pseudonym = ?").param(pseudonym).query(Long.class).single()).isZero();
        assertThat(verifier.verify().intact()).as("the head rolled back with the entry").isTrue();
    }

    /**
     * The actors on the topic once a later entry's record has arrived: the relay has long passed an earlier entry by
     * then (each entry's record is sent as its transaction commits). By actor, a name each test makes up, so a test
     * context on another database (whose entry ids, and so access ids, would repeat ours) cannot confuse it.
     */
    private List<String> publishedActors() {
        String marker = newPseudonym();
        assertThat(get("/api/v1/patients/" + marker + "/tasks", null).statusCode()).isEqualTo(401);
        exactlyOne(marker);
        return kafka.readAll(Topics.COLLABORATION_ACCESS, QUIET).stream().map(record -> decode(record).data().actor()).toList();
    }

    private record Entry(long id, Instant at) {
    }

    private UUID openCase(String pseudonym, String municipality) {
        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), UUID.randomUUID()));
        return await(EventTypes.HANDOVER_OPENED, pseudonym, 1).get(0).caseId();
    }

    private Entry onlyEntry(String pseudonym) {
        return jdbc.sql("SELECT id, at FROM access_log WHERE patient_pseudonym = ?").param(pseudonym)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant())).single();
    }

    private static UUID accessId(long entry) {
        return UUID.nameUUIDFromBytes(("collaboration-service:access_log:" + entry).getBytes(StandardCharsets.UTF_8));
    }

    private PatientDataAccessed exactlyOne(String pseudonym) {
        return exactly(pseudonym, 1).get(0);
    }

    /** Waits for {@code count} records keyed by the patient, then checks after a quiet period that no more came. */
    private List<PatientDataAccessed> exactly(String pseudonym, int count) {
        kafka.awaitRecordsWithKey(Topics.COLLABORATION_ACCESS, pseudonym, count, WAIT);
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(Topics.COLLABORATION_ACCESS, QUIET).stream()
                .filter(record -> pseudonym.equals(record.key())).toList();
        assertThat(records).as("records keyed by the patient").hasSize(count);
        return records.stream().map(record -> {
            EventEnvelope<PatientDataAccessed> event = decode(record);
            assertThat(event.subject()).isEqualTo(pseudonym);
            return event.data();
        }).toList();
    }

    /** Reads the record as a consumer would: the codec checks the CloudEvents headers and the data against the schema. */
    @SuppressWarnings("unchecked")
    private EventEnvelope<PatientDataAccessed> decode(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.read(KafkaTestClient.headers(record), record.value());
        assertThat(event.type()).isEqualTo(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED);
        assertThat(event.source()).isEqualTo("/carerelay/collaboration-service");
        return (EventEnvelope<PatientDataAccessed>) event;
    }
}
