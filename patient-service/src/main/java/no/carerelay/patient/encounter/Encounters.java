package no.carerelay.patient.encounter;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventType;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.patient.patient.PatientRegistry;

/**
 * Applies ADT messages to hospital stays. The patient, the stay, the ingest record and the outgoing events commit
 * in one transaction, and only then is the sender answered; a message that does not fit leaves nothing behind.
 */
@Service
public class Encounters {

    private final JdbcClient jdbc;
    private final PatientRegistry patients;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    Encounters(JdbcClient jdbc, PatientRegistry patients, EventPublisher events, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.events = events;
        this.transactions = transactions;
        this.meters = meters;
    }

    private record Stay(UUID id, String pseudonym, EncounterStatus status) {
    }

    /**
     * @param channel        JSON, HL7V2 or FHIR
     * @param idempotencyKey the sender's key for this message (MSH-10, resource id + version, Idempotency-Key);
     *                       the same key again is answered with the first receipt and changes nothing
     * @throws EncounterStateException    when the message does not fit the stay's state
     * @throws EncounterConflictException when the visit number belongs to another patient
     */
    public IngestReceipt accept(String channel, String idempotencyKey, EncounterCommand command) {
        return acceptAll(channel, idempotencyKey, List.of(command));
    }

    /**
     * Several commands from one message (a FHIR resource can both open a stay and declare it discharge-ready),
     * applied in order in one transaction: all or nothing.
     *
     * @return the receipt of the last command
     */
    public IngestReceipt acceptAll(String channel, String idempotencyKey, List<EncounterCommand> commands) {
        EncounterCommand last = commands.get(commands.size() - 1);
        Optional<IngestReceipt> earlier = find(channel, idempotencyKey);
        if (earlier.isPresent()) {
            return duplicate(channel, last, earlier.get());
        }
        try {
            IngestReceipt receipt = transactions.execute(status -> {
                IngestReceipt applied = null;
                for (int i = 0; i < commands.size(); i++) {
                    applied = apply(channel, idempotencyKey, key(idempotencyKey, i, commands.size()), commands.get(i));
                }
                return applied;
            });
            commands.forEach(command -> count(channel, command, "accepted"));
            return receipt;
        } catch (DuplicateKeyException raceWithSameMessage) {
            // the same message arrived twice at once; the other one committed, ours rolled back whole
            return duplicate(channel, last, find(channel, idempotencyKey).orElseThrow(() -> raceWithSameMessage));
        }
    }

    /** The stay's current state, for channels that send states rather than events (FHIR). */
    public Optional<String> status(String hospitalOrganisationNumber, String visitNumber) {
        return jdbc.sql("SELECT status FROM encounter WHERE hospital_org_number = ? AND visit_number = ?")
                .params(hospitalOrganisationNumber, visitNumber)
                .query(String.class)
                .optional();
    }

    private static String key(String idempotencyKey, int index, int count) {
        return count == 1 ? idempotencyKey : idempotencyKey + "#" + (index + 1) + "/" + count;
    }

    private IngestReceipt apply(String channel, String messageKey, String idempotencyKey, EncounterCommand command) {
        String pseudonym = patients.pseudonymFor(command.patient(), command.occurredAt());
        if (command instanceof EncounterCommand.UpdatePatient) {
            return record(channel, messageKey, idempotencyKey, command, pseudonym, null, null);
        }
        Optional<Stay> existing = jdbc.sql("""
                        SELECT id, patient_pseudonym, status FROM encounter
                        WHERE hospital_org_number = ? AND visit_number = ? FOR UPDATE""")
                .params(command.hospital().organisationNumber(), command.visitNumber())
                .query((rs, row) -> new Stay(rs.getObject(1, UUID.class), rs.getString(2), EncounterStatus.valueOf(rs.getString(3))))
                .optional();
        UUID encounterId;
        if (existing.isEmpty()) {
            if (!command.opensEncounter()) {
                throw new EncounterStateException("no stay with this visit number at this hospital: " + describe(command) + " needs an earlier admission");
            }
            encounterId = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO encounter (id, patient_pseudonym, hospital_org_number, hospital_her_id, visit_number, status)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(encounterId, pseudonym, command.hospital().organisationNumber(), command.hospital().herId(), command.visitNumber(),
                            command.leadsTo().name())
                    .update();
            Facts facts = Facts.of(command);
            if (!facts.isEmpty()) {
                jdbc.sql("UPDATE encounter SET " + facts.assignments() + " WHERE id = ?").params(facts.params(encounterId)).update();
            }
        } else {
            Stay stay = existing.get();
            if (!stay.pseudonym().equals(pseudonym)) {
                throw new EncounterConflictException();
            }
            if (!command.allowedFrom().contains(stay.status())) {
                throw new EncounterStateException("the stay is " + stay.status().name().toLowerCase().replace('_', '-') + ": cannot apply "
                        + describe(command));
            }
            encounterId = stay.id();
            // the new status and the facts the message carries, in one statement (one row version, not two)
            Facts facts = Facts.of(command);
            List<Object> params = new ArrayList<>();
            params.add(command.leadsTo().name());
            params.addAll(facts.params(encounterId));
            jdbc.sql("UPDATE encounter SET status = ?, updated_at = now()" + (facts.isEmpty() ? "" : ", " + facts.assignments()) + " WHERE id = ?")
                    .params(params).update();
        }
        UUID eventId = publish(pseudonym, command.event(pseudonym, encounterId));
        if (command instanceof EncounterCommand.Discharge discharge && discharge.deceased()) {
            patients.deceased(pseudonym, discharge.occurredAt());
        }
        return record(channel, messageKey, idempotencyKey, command, pseudonym, encounterId, eventId);
    }

    private IngestReceipt record(String channel, String messageKey, String idempotencyKey, EncounterCommand command, String pseudonym,
            UUID encounterId, UUID eventId) {
        UUID messageId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ingest_message (id, channel, message_key, idempotency_key, message_type, patient_pseudonym, encounter_id, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(messageId, channel, messageKey, idempotencyKey, command.messageType(), pseudonym, encounterId, eventId)
                .update();
        return new IngestReceipt(messageId, eventId, encounterId, pseudonym, false);
    }

    /** The facts each message carries about the stay, for operators and for the state rules: SET assignments and their values. */
    private record Facts(String assignments, List<Object> values) {

        static Facts of(EncounterCommand command) {
            Timestamp at = Timestamp.from(command.occurredAt());
            if (command instanceof EncounterCommand.Admit admit) {
                return new Facts("patient_class = ?, admitted_at = ?, expected_discharge_date = ?",
                        Arrays.asList(admit.patientClass().name(), at, admit.expectedDischargeDate()));
            } else if (command instanceof EncounterCommand.DeclareDischargeReady ready) {
                return new Facts("discharge_ready_at = ?, expected_discharge_date = coalesce(?, expected_discharge_date)",
                        Arrays.asList(at, ready.expectedDischargeDate()));
            } else if (command instanceof EncounterCommand.Discharge discharge) {
                return new Facts("discharged_at = ?, disposition = ?", Arrays.asList(at, discharge.disposition()));
            } else if (command instanceof EncounterCommand.CancelDischarge) {
                return new Facts("discharged_at = NULL, disposition = NULL", List.of());
            }
            return new Facts("", List.of());
        }

        boolean isEmpty() {
            return assignments.isEmpty();
        }

        /** The values, then the encounter's id for the WHERE clause. */
        List<Object> params(UUID encounterId) {
            List<Object> params = new ArrayList<>(values);
            params.add(encounterId);
            return params;
        }
    }

    private <T> UUID publish(String pseudonym, EncounterCommand.Event<T> event) {
        EventType<T> type = event.type();
        return events.publish(type, pseudonym, event.data());
    }

    private static String describe(EncounterCommand command) {
        return command.messageType().toLowerCase().replace('_', ' ');
    }

    private IngestReceipt duplicate(String channel, EncounterCommand command, IngestReceipt first) {
        count(channel, command, "duplicate");
        return new IngestReceipt(first.messageId(), first.eventId(), first.encounterId(), first.patientPseudonym(), true);
    }

    private void count(String channel, EncounterCommand command, String outcome) {
        meters.counter("carerelay.ingest.messages", "channel", channel, "type", command.messageType(), "outcome", outcome).increment();
    }

    /** The last receipt of the message with this key, whether it made one command or several. */
    private Optional<IngestReceipt> find(String channel, String idempotencyKey) {
        return jdbc.sql("""
                        SELECT id, event_id, encounter_id, patient_pseudonym FROM ingest_message
                        WHERE channel = ? AND message_key = ? ORDER BY idempotency_key DESC LIMIT 1""")
                .params(channel, idempotencyKey)
                .query((rs, row) -> new IngestReceipt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), false))
                .optional();
    }
}
