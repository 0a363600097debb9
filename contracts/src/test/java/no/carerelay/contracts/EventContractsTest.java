package no.carerelay.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.carerelay.contracts.patient.DischargeReadyDeclared;

class EventContractsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void shouldHaveASchemaAndASampleForEveryEventType() {
        assertThat(ContractSamples.all().keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(EventSchemas.class.getClassLoader().getResource(type.schemaResource()))
                    .as("schema of %s", type.name()).isNotNull();
        }
    }

    @Test
    void shouldWriteEverySampleAsJsonItsSchemaAccepts() {
        ContractSamples.all().forEach((type, samples) -> {
            for (Object sample : samples) {
                byte[] json = codec.writeData(sample);
                assertThat(EventSchemas.violations(type, codec.readTree(json)))
                        .as("%s as %s", type.name(), new String(json, StandardCharsets.UTF_8)).isEmpty();
            }
        });
    }

    @Test
    void shouldReadBackWhatItWroteEqualToTheOriginal() {
        ContractSamples.all().forEach((type, samples) -> {
            for (Object sample : samples) {
                EventEnvelope<?> envelope = envelope(type, sample);
                EventEnvelope<?> read = codec.read(envelope.headers(), codec.writeValidated(envelope));
                assertThat(read).isEqualTo(envelope);
            }
        });
    }

    @Test
    void shouldNameEveryTypeAfterTheServiceThatOwnsItsTopic() {
        for (EventType<?> type : EventTypes.ALL) {
            String service = type.name().split("\\.")[2];
            assertThat(type.topic()).as(type.name()).startsWith(service + ".");
        }
    }

    @Test
    void shouldCarryCloudEventsBinaryModeHeaders() {
        EventEnvelope<?> envelope = firstSample();
        assertThat(envelope.headers()).containsKeys("ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "no.carerelay.patient.DischargeReadyDeclared.v1")
                .containsEntry("content-type", "application/json");
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducerOfTheSameVersion() {
        EventEnvelope<?> envelope = firstSample();
        String json = new String(codec.writeData(envelope.data()), StandardCharsets.UTF_8);
        String extended = json.substring(0, json.length() - 1) + ",\"addedLater\":true}";
        assertThat(codec.read(envelope.headers(), extended.getBytes(StandardCharsets.UTF_8)).data()).isEqualTo(envelope.data());
    }

    @Test
    void shouldRejectAnUnknownEventTypeWithTheReason() {
        Map<String, String> headers = new HashMap<>(firstSample().headers());
        headers.put(CloudEventHeaders.TYPE, "no.carerelay.patient.Unheard.v1");
        assertThatThrownBy(() -> codec.read(headers, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("unknown event type");
    }

    @Test
    void shouldRejectARecordWithoutCloudEventsHeaders() {
        assertThatThrownBy(() -> codec.read(Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("missing CloudEvents header ce_type");
    }

    @Test
    void shouldRejectAMalformedIdHeader() {
        Map<String, String> headers = new HashMap<>(firstSample().headers());
        headers.put(CloudEventHeaders.ID, "not-a-uuid");
        assertThatThrownBy(() -> codec.read(headers, codec.writeData(firstSample().data())))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("ce_id is malformed");
    }

    @Test
    void shouldRejectAValueThatIsNotJson() {
        assertThatThrownBy(() -> codec.read(firstSample().headers(), "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("is not JSON");
    }

    @Test
    void shouldRejectAValueThatBreaksTheSchemaAndSayWhere() {
        String json = new String(codec.writeData(firstSample().data()), StandardCharsets.UTF_8).replace("\"0301\"", "\"03X1\"");
        assertThatThrownBy(() -> codec.read(firstSample().headers(), json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("breaks its schema")
                .hasMessageContaining("municipality");
    }

    @Test
    void shouldRefuseToProduceARecordThatBreaksItsSchema() {
        // careNeeds entries are constrained by the schema only, so the record itself accepts this one
        DischargeReadyDeclared bad = new DischargeReadyDeclared(ContractSamples.PSEUDONYM, UUID.randomUUID(), "0301",
                ContractSamples.HOSPITAL, java.time.Instant.now(), null, List.of("home nursing please"));
        EventEnvelope<DischargeReadyDeclared> envelope = EventEnvelope.of(EventTypes.DISCHARGE_READY_DECLARED, "/test", bad.patientPseudonym(), bad);
        assertThatThrownBy(() -> codec.writeValidated(envelope)).isInstanceOf(IllegalStateException.class).hasMessageContaining("careNeeds");
    }

    @Test
    void shouldRejectAnInvalidRecordAtConstruction() {
        assertThatThrownBy(() -> new DischargeReadyDeclared("short", UUID.randomUUID(), "0301", ContractSamples.HOSPITAL,
                java.time.Instant.now(), null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patientPseudonym");
        assertThatThrownBy(() -> new OrganisationRef("12345", null, null)).hasMessageContaining("organisationNumber");
    }

    @Test
    void shouldDescribeEveryEventTypeAndTopicInTheAsyncApiDocument() throws Exception {
        String asyncApi = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/asyncapi.yaml"));
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(asyncApi).as("docs/asyncapi.yaml").contains("name: " + type.name()).contains("address: " + type.topic());
        }
    }

    @Test
    void shouldBuildDeadLetterTopicNamesFromTopicAndGroup() {
        assertThat(Topics.deadLetter(Topics.PATIENT_ENCOUNTERS, "trajectory-service"))
                .isEqualTo("patient.encounters.v1.trajectory-service.dlq");
    }

    private EventEnvelope<?> firstSample() {
        return envelope(EventTypes.DISCHARGE_READY_DECLARED, ContractSamples.all().get(EventTypes.DISCHARGE_READY_DECLARED).get(0));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EventEnvelope<?> envelope(EventType<?> type, Object data) {
        return EventEnvelope.of((EventType) type, "/carerelay/test", ContractSamples.PSEUDONYM, data);
    }
}
