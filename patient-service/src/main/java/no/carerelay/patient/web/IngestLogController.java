package no.carerelay.patient.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.patient.access.AccessLog;
import no.carerelay.resourceserver.Caller;

/**
 * The ingest log for operators: every inbound message, accepted or refused and why, newest first. It holds the
 * pseudonym and the sender's keys, never a national ID or anything else from the message body.
 */
@RestController
class IngestLogController {

    record Entry(UUID id, String outcome, String channel, String messageType, String key, String patientPseudonym, UUID encounterId,
            UUID eventId, String reason, Instant receivedAt) {
    }

    private final JdbcClient jdbc;
    private final AccessLog accessLog;

    IngestLogController(JdbcClient jdbc, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
    }

    @GetMapping(path = "/api/v1/ingest-log", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Entry> log(@RequestParam(required = false) String outcome, @RequestParam(required = false) String channel,
            @RequestParam(defaultValue = "100") int limit, Caller caller) {
        if (outcome != null && !outcome.matches("ACCEPTED|REJECTED")) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("outcome", "must be ACCEPTED or REJECTED")));
        }
        if (channel != null && !channel.matches("JSON|HL7V2|FHIR")) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("channel", "must be JSON, HL7V2 or FHIR")));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("limit", "must be between 1 and 1000")));
        }
        List<Entry> entries = jdbc.sql("""
                        SELECT * FROM (
                          SELECT id, 'ACCEPTED' AS outcome, channel, message_type, idempotency_key AS key, patient_pseudonym, encounter_id,
                                 event_id, NULL AS reason, received_at FROM ingest_message
                          UNION ALL
                          SELECT id, 'REJECTED', channel, message_type, control_id, NULL, NULL, NULL, reason, received_at FROM ingest_rejection
                        ) log
                        WHERE (CAST(? AS TEXT) IS NULL OR outcome = ?) AND (CAST(? AS TEXT) IS NULL OR channel = ?)
                        ORDER BY received_at DESC LIMIT ?""")
                .params(outcome, outcome, channel, channel, limit)
                .query((rs, row) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class), rs.getString(9),
                        instant(rs.getTimestamp(10))))
                .list();
        accessLog.granted(caller, "ingest-log", "LIST", "operations", entries.stream().map(Entry::patientPseudonym).toList());
        return entries;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
