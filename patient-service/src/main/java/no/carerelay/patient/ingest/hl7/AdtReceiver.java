package no.carerelay.patient.ingest.hl7;

import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.Terser;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.encounter.EncounterConflictException;
import no.carerelay.patient.encounter.EncounterStateException;
import no.carerelay.patient.encounter.Encounters;
import no.carerelay.patient.encounter.IngestRejections;

/**
 * Handles every parsed message on the MLLP listener. ACK AA is returned only after the message's transaction has
 * committed; a resend with the same MSH-10 from the same hospital is acknowledged AA again and changes nothing.
 */
class AdtReceiver implements ReceivingApplication<Message> {

    static final String CHANNEL = "HL7V2";
    private static final Logger log = LoggerFactory.getLogger(AdtReceiver.class);

    private final Hl7AdtMapper mapper;
    private final Encounters encounters;
    private final IngestRejections rejections;
    private final Set<String> allowedSenders;

    /** @param allowedSenders organisation numbers (MSH-4-2) that may send; empty = any */
    AdtReceiver(Hl7AdtMapper mapper, Encounters encounters, IngestRejections rejections, Set<String> allowedSenders) {
        this.mapper = mapper;
        this.encounters = encounters;
        this.rejections = rejections;
        this.allowedSenders = Set.copyOf(allowedSenders);
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        Terser terser = new Terser(message);
        String type = terser.get("/MSH-9-1") + "^" + terser.get("/MSH-9-2");
        String sender = terser.get("/MSH-4-2");
        String controlId = terser.get("/MSH-10");
        if (!allowedSenders.isEmpty() && (sender == null || !allowedSenders.contains(sender.trim()))) {
            // checked before anything else is read: a facility nobody configured gets no further
            return reject(message, type, sender, controlId, new Hl7Rejection(AcknowledgmentCode.AR, ErrorCode.UNKNOWN_KEY_IDENTIFIER, "MSH", 4,
                    "unknown-sending-facility", "MSH-4 (sending facility) " + (sender != null && sender.trim().matches("[0-9]{9}") ? sender.trim() : "(no organisation number in MSH-4-2)")
                            + " is not configured to send to this CareRelay; the operator adds its organisation number to MLLP_ALLOWED_SENDERS"));
        }
        if (controlId == null || controlId.isBlank()) {
            return reject(message, type, sender, null, new Hl7Rejection(AcknowledgmentCode.AR, ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10,
                    "missing-control-id", "MSH-10 (message control id) is required: it is how a resend is recognised"));
        }
        EncounterCommand command;
        try {
            command = mapper.map(message);
        } catch (Hl7Rejection rejection) {
            return reject(message, type, sender, controlId, rejection);
        } catch (RuntimeException e) {
            // a structure the mapper did not foresee: refuse it, but never with the exception's text
            log.warn("Could not map HL7 {} with control id {}: {}", type, controlId, e.getClass().getName());
            return reject(message, type, sender, controlId, new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 9,
                    "unmappable", "the message could not be mapped; check it against the documented ADT profile"));
        }
        try {
            encounters.accept(CHANNEL, command.hospital().organisationNumber() + "/" + controlId, command);
            return accepted(message);
        } catch (EncounterStateException e) {
            return reject(message, type, sender, controlId, new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.APPLICATION_RECORD_LOCKED, "PV1", 19,
                    "encounter-state", e.getMessage()));
        } catch (EncounterConflictException e) {
            return reject(message, type, sender, controlId, new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.DUPLICATE_KEY_IDENTIFIER, "PV1", 19,
                    "encounter-conflict", e.getMessage()));
        } catch (RuntimeException e) {
            // nothing was committed; the sender keeps the message and sends it again
            log.error("Could not store HL7 {} with control id {}", type, controlId, e);
            return ack(message, new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 10, "internal-error",
                    "the message could not be stored just now; nothing was accepted, send it again"));
        }
    }

    private static Message accepted(Message message) throws HL7Exception {
        try {
            return message.generateACK();
        } catch (java.io.IOException e) {
            throw new HL7Exception("could not build the ACK", e);
        }
    }

    private Message reject(Message message, String type, String sender, String controlId, Hl7Rejection rejection) throws HL7Exception {
        rejections.record(CHANNEL, type, sender, controlId, rejection.reasonCode(), rejection.getMessage());
        return ack(message, rejection);
    }

    private static Message ack(Message message, Hl7Rejection rejection) throws HL7Exception {
        HL7Exception error = new HL7Exception(rejection.getMessage(), rejection.errorCode());
        error.setSegmentName(rejection.segment());
        error.setFieldPosition(rejection.field());
        try {
            return message.generateACK(rejection.acknowledgment(), error);
        } catch (java.io.IOException e) {
            throw new HL7Exception("could not build the ACK", e);
        }
    }
}
