package no.carerelay.patient.encounter;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.patient.patient.PatientRegistry;

/**
 * Accepts discharge-ready notices: the patient, the encounter, the ingest record and the outgoing event commit
 * in one transaction, and only then is the sender answered.
 */
@Service
public class DischargeReadyNotices {

    static final String MESSAGE_TYPE = "DISCHARGE_READY";

    private final JdbcClient jdbc;
    private final PatientRegistry patients;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    DischargeReadyNotices(JdbcClient jdbc, PatientRegistry patients, EventPublisher events, TransactionTemplate transactions,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.events = events;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * @param channel        JSON, HL7V2 or FHIR
     * @param idempotencyKey the sender's key for this message; the same key again is answered with the first receipt
     */
    public IngestReceipt accept(String channel, String idempotencyKey, DischargeReadyNotice notice) {
        Optional<IngestReceipt> earlier = find(channel, idempotencyKey);
        if (earlier.isPresent()) {
            return duplicate(channel, earlier.get());
        }
        try {
            IngestReceipt receipt = transactions.execute(status -> store(channel, idempotencyKey, notice));
            meters.counter("carerelay.ingest.messages", "channel", channel, "type", MESSAGE_TYPE, "outcome", "accepted").increment();
            return receipt;
        } catch (DuplicateKeyException raceWithSameMessage) {
            // the same message arrived twice at once; the other one committed, ours rolled back whole
            return duplicate(channel, find(channel, idempotencyKey).orElseThrow(() -> raceWithSameMessage));
        }
    }

    private IngestReceipt duplicate(String channel, IngestReceipt first) {
        meters.counter("carerelay.ingest.messages", "channel", channel, "type", MESSAGE_TYPE, "outcome", "duplicate").increment();
        return new IngestReceipt(first.messageId(), first.eventId(), first.encounterId(), first.patientPseudonym(), true);
    }

    private IngestReceipt store(String channel, String idempotencyKey, DischargeReadyNotice notice) {
        String pseudonym = patients.pseudonymFor(notice.nationalId(), notice.municipality());
        UUID encounterId = jdbc.sql("""
                        INSERT INTO encounter (id, patient_pseudonym, hospital_org_number, hospital_her_id, visit_number, status,
                                               discharge_ready_at, expected_discharge_date)
                        VALUES (?, ?, ?, ?, ?, 'DISCHARGE_READY', ?, ?)
                        ON CONFLICT (hospital_org_number, visit_number) DO UPDATE
                            SET status = 'DISCHARGE_READY', discharge_ready_at = excluded.discharge_ready_at,
                                expected_discharge_date = excluded.expected_discharge_date, updated_at = now()
                            WHERE encounter.patient_pseudonym = excluded.patient_pseudonym
                        RETURNING id""")
                .params(UUID.randomUUID(), pseudonym, notice.hospital().organisationNumber(), notice.hospital().herId(),
                        notice.visitNumber(), Timestamp.from(notice.declaredAt()), notice.expectedDischargeDate())
                .query(UUID.class)
                .optional()
                .orElseThrow(EncounterConflictException::new);
        UUID eventId = events.publish(EventTypes.DISCHARGE_READY_DECLARED, pseudonym, new DischargeReadyDeclared(
                pseudonym, encounterId, notice.municipality(), notice.hospital(), notice.declaredAt(),
                notice.expectedDischargeDate(), notice.careNeeds()));
        UUID messageId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ingest_message (id, channel, idempotency_key, message_type, patient_pseudonym, encounter_id, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(messageId, channel, idempotencyKey, MESSAGE_TYPE, pseudonym, encounterId, eventId)
                .update();
        return new IngestReceipt(messageId, eventId, encounterId, pseudonym, false);
    }

    private Optional<IngestReceipt> find(String channel, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, event_id, encounter_id, patient_pseudonym FROM ingest_message
                        WHERE channel = ? AND idempotency_key = ?""")
                .params(channel, idempotencyKey)
                .query((rs, row) -> new IngestReceipt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), false))
                .optional();
    }
}
