package no.carerelay.trajectory.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.resourceserver.Caller;
import no.carerelay.resourceserver.Role;
import no.carerelay.testkit.KafkaTestClient;
import no.carerelay.testkit.TestInfrastructure;
import no.carerelay.testkit.TokenIssuer;
import no.carerelay.trajectory.support.TrajectoryEvents;

/**
 * Every access-log entry that names a patient reaches {@code trajectory.access.v1} as one {@link PatientDataAccessed}
 * keyed by the pseudonym, for patient-service to show the patient who looked: registrations and timeline reads,
 * the municipality rule's refusals and the token filter's refusals on a patient's path, with the outcome words mapped
 * to GRANTED or DENIED. Every record is read back with the {@code EventCodec}, which checks it against the schema.
 * Entries without a patient, or with something that is no pseudonym, stay in the table only. (trajectory-service has
 * no listing of patients, so nothing here publishes one event per patient shown.)
 *
 * <p>The HTTP API over the real broker and a database of its own; like {@code ApiAccessIT} its consumers do not start
 * and its deadline scanner waits an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=trajectory-service",
        "carerelay.trajectory.deadlines.initial-delay=PT1H",
        "spring.cloud.stream.bindings.patientEncounters-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.collaborationHandovers-in-0.consumer.auto-startup=false"})
class PatientDataAccessedIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties("trajectory_access_events").forEach((name, value) -> registry.add(name, () -> value));
    }

    private static final KafkaTestClient kafka = TestInfrastructure.kafkaClient();
    private static final TokenIssuer tokens = TestInfrastructure.tokens();
    private static final String HOSPITAL = "983974899";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessLog accessLog;

    private final HttpClient http = HttpClient.newHttpClient();
    private final EventCodec codec = new EventCodec();

    @Test
    void shouldPublishARegistrationAndAGrantedTimelineReadOnceEachKeyedByThePatientWithWhoActedForWhichMunicipality() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient, "A12A").statusCode()).isEqualTo(201);

        assertThat(timeline(patient, tokens.token("kk-oslo", List.of("municipal-coordinator"), "0301")).statusCode()).isEqualTo(200);

        List<PatientDataAccessed> published = exactly(patient, 2);
        List<Entry> entries = entries(patient);
        assertThat(published).extracting(PatientDataAccessed::accessId).as("stable per entry")
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(entry -> accessId(entry.id())).toList());
        PatientDataAccessed read = only(published, "read-timeline");
        assertThat(read.accessedAt()).isEqualTo(entries.stream().filter(entry -> accessId(entry.id()).equals(read.accessId())).findFirst()
                .orElseThrow().at());
        assertThat(read.patientPseudonym()).isEqualTo(patient);
        assertThat(read.service()).isEqualTo("trajectory-service");
        assertThat(read.actor()).isEqualTo("kk-oslo");
        assertThat(read.actorRoles()).containsExactly("municipal-coordinator");
        assertThat(read.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(read.actorMunicipality()).isEqualTo("0301");
        assertThat(read.resource()).isEqualTo("trajectory");
        assertThat(read.decision()).isEqualTo("GRANTED");
        assertThat(read.reason()).isNull();
        PatientDataAccessed registered = only(published, "register-pathway-event");
        assertThat(registered.actor()).isEqualTo("hospital-system-user");
        assertThat(registered.actorRoles()).containsExactly("hospital-system");
        assertThat(registered.actorMunicipality()).isNull();
        assertThat(registered.resource()).isEqualTo("pathway-event");
        assertThat(registered.decision()).isEqualTo("GRANTED");
    }

    @Test
    void shouldPublishAnotherMunicipalitysTimelineReadAsDeniedWithTheServicesReason() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient, "A12A").statusCode()).isEqualTo(201);

        assertThat(timeline(patient, tokens.token("kk-bergen", List.of("municipal-coordinator"), "4601")).statusCode()).isEqualTo(404);

        PatientDataAccessed denied = only(exactly(patient, 2), "read-timeline");
        assertThat(denied.actor()).isEqualTo("kk-bergen");
        assertThat(denied.actorRoles()).containsExactly("municipal-coordinator");
        assertThat(denied.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(denied.actorMunicipality()).isEqualTo("4601");
        assertThat(denied.resource()).isEqualTo("trajectory");
        assertThat(denied.decision()).isEqualTo("DENIED");
        assertThat(denied.reason()).isEqualTo("the patient is not a resident of the caller's municipality");
    }

    @Test
    void shouldPublishRequestsTheFilterRefusedOnAPatientsPathAsDeniedWithoutQuotingThePath() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();

        assertThat(send(HttpRequest.newBuilder(patientUri(patient, "/pathway-events"))
                .header("Authorization", "Bearer " + tokens.token("revisor-1", List.of("auditor"), null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(403);
        assertThat(timeline(patient, null).statusCode()).isEqualTo(401);

        List<PatientDataAccessed> denied = exactly(patient, 2);
        assertThat(denied).extracting(PatientDataAccessed::decision).containsOnly("DENIED");
        assertThat(denied).extracting(PatientDataAccessed::accessId)
                .containsExactlyInAnyOrderElementsOf(entries(patient).stream().map(entry -> accessId(entry.id())).toList());
        PatientDataAccessed forbidden = only(denied, "register-pathway-event");
        assertThat(forbidden.actor()).isEqualTo("revisor-1");
        assertThat(forbidden.actorRoles()).containsExactly("auditor");
        assertThat(forbidden.actorOrganisation()).isEqualTo("test-organisation");
        assertThat(forbidden.actorMunicipality()).isNull();
        assertThat(forbidden.resource()).isEqualTo("pathway-event");
        assertThat(forbidden.reason()).isEqualTo("403: the caller's roles do not allow this request");
        PatientDataAccessed unauthenticated = only(denied, "read-timeline");
        assertThat(unauthenticated.actor()).as("who sent no valid token is not known").isNull();
        assertThat(unauthenticated.actorRoles()).isEmpty();
        assertThat(unauthenticated.actorOrganisation()).isNull();
        assertThat(unauthenticated.resource()).isEqualTo("trajectory");
        assertThat(unauthenticated.reason()).isEqualTo("401: the request carried no valid bearer token");
        assertThat(jdbc.sql("SELECT reason FROM access_log WHERE patient_pseudonym = ?").param(patient).query(String.class).list())
                .as("the entries themselves keep the resource server's detail, as before")
                .satisfiesExactlyInAnyOrder(reason -> assertThat(reason).startsWith("403: ").contains("/pathway-events"),
                        reason -> assertThat(reason).startsWith("401: "));
    }

    @Test
    void shouldPublishARegistrationThePathwayRulesRefusedAsGrantedAccessWithWhyNothingWasRegistered() throws Exception {
        String patient = TrajectoryEvents.newPseudonym();
        assertThat(register(patient, "A12A").statusCode()).isEqualTo(201);

        assertThat(register(patient, "A12FK").statusCode()).isEqualTo(409);

        List<PatientDataAccessed> published = exactly(patient, 2);
        assertThat(published).extracting(PatientDataAccessed::action).containsOnly("register-pathway-event");
        assertThat(published).extracting(PatientDataAccessed::decision).containsOnly("GRANTED");
        assertThat(published).extracting(PatientDataAccessed::reason).containsExactlyInAnyOrder(null,
                "the pathway event was refused by the pathway's rules; nothing was registered");
        assertThat(jdbc.sql("SELECT outcome FROM access_log WHERE patient_pseudonym = ?").param(patient).query(String.class).list())
                .containsExactlyInAnyOrder("registered", "refused");
    }

    @Test
    void shouldNotPublishARefusedRequestWhosePathNamesNoPatient() throws Exception {
        String user = "revisor-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/lead-time-compliance"))
                .header("Authorization", "Bearer " + tokens.token(user, List.of("auditor"), null)).GET()).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE actor = ? AND patient_pseudonym IS NULL").param(user).query(Long.class).single())
                .isEqualTo(1);

        assertThat(publishedActors()).doesNotContain(user);
    }

    @Test
    void shouldKeepAnEntryWhosePatientIsNoPseudonymWithoutPublishingItOrFailingTheRequest() throws Exception {
        String notAPseudonym = "not a pseudonym " + UUID.randomUUID();
        String user = "forlop-" + UUID.randomUUID().toString().substring(0, 8);

        accessLog.record(new Caller(user, Set.of(Role.PATHWAY_COORDINATOR), "983974899", null), notAPseudonym, "read-timeline", "read");

        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE patient_pseudonym = ?").param(notAPseudonym).query(Long.class).single())
                .isEqualTo(1);
        assertThat(publishedActors()).doesNotContain(user);
    }

    @Test
    void shouldWriteNoEntryWhoseEventCannotBeStoredSinceBothAreOneTransaction() {
        String patient = TrajectoryEvents.newPseudonym();

        // an outcome word with no published decision: the entry's insert has run when its event is refused
        assertThatThrownBy(() -> accessLog.record(new Caller("forlop-1", Set.of(Role.PATHWAY_COORDINATOR), null, null), patient, "read-timeline",
                "maybe")).isInstanceOf(IllegalStateException.class);

        assertThat(entries(patient)).isEmpty();
    }

    private record Entry(long id, Instant at) {
    }

    private List<Entry> entries(String patient) {
        return jdbc.sql("SELECT id, at FROM access_log WHERE patient_pseudonym = ?").param(patient)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant())).list();
    }

    private static UUID accessId(long entry) {
        return UUID.nameUUIDFromBytes(("trajectory-service:access_log:" + entry).getBytes(StandardCharsets.UTF_8));
    }

    private static PatientDataAccessed only(List<PatientDataAccessed> published, String action) {
        List<PatientDataAccessed> matching = published.stream().filter(event -> action.equals(event.action())).toList();
        assertThat(matching).as(action).hasSize(1);
        return matching.get(0);
    }

    /**
     * The actors on the topic once a later entry's record has arrived: the relay has long passed an earlier entry by
     * then (each entry's record is sent as its transaction commits). By actor, a name each test makes up, since other
     * test contexts publish to the topic from databases of their own, whose entry ids (and so access ids) repeat ours.
     */
    private List<String> publishedActors() throws Exception {
        String marker = TrajectoryEvents.newPseudonym();
        assertThat(timeline(marker, null).statusCode()).isEqualTo(401);
        exactly(marker, 1);
        return kafka.readAll(Topics.TRAJECTORY_ACCESS, QUIET).stream().map(record -> decode(record).data().actor()).toList();
    }

    /** Waits for {@code count} records keyed by the patient, then checks after a quiet period that no more came. */
    private List<PatientDataAccessed> exactly(String patient, int count) {
        kafka.awaitRecordsWithKey(Topics.TRAJECTORY_ACCESS, patient, count, WAIT);
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(Topics.TRAJECTORY_ACCESS, QUIET).stream()
                .filter(record -> patient.equals(record.key())).toList();
        assertThat(records).as("records keyed by the patient").hasSize(count);
        return records.stream().map(record -> {
            EventEnvelope<PatientDataAccessed> event = decode(record);
            assertThat(event.subject()).isEqualTo(patient);
            return event.data();
        }).toList();
    }

    /** Reads the record as a consumer would: the codec checks the CloudEvents headers and the data against the schema. */
    @SuppressWarnings("unchecked")
    private EventEnvelope<PatientDataAccessed> decode(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.read(KafkaTestClient.headers(record), record.value());
        assertThat(event.type()).isEqualTo(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED);
        assertThat(event.source()).isEqualTo("/carerelay/trajectory-service");
        return (EventEnvelope<PatientDataAccessed>) event;
    }

    private HttpResponse<String> register(String patient, String code) throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Oslo")).minusDays(1);
        return send(HttpRequest.newBuilder(patientUri(patient, "/pathway-events"))
                .header("Authorization", tokens.bearer("hospital-system", null)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"code":"%s","eventDate":"%s","municipality":"0301","hospital":{"organisationNumber":"%s"}}"""
                        .formatted(code, yesterday, HOSPITAL))));
    }

    /** @param token null for none */
    private HttpResponse<String> timeline(String patient, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(patientUri(patient, "/trajectories")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private URI patientUri(String patient, String rest) {
        return URI.create("http://localhost:" + port + "/api/v1/patients/" + patient + rest);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
