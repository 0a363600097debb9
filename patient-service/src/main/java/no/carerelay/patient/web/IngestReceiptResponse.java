package no.carerelay.patient.web;

import java.util.UUID;

import no.carerelay.patient.encounter.IngestReceipt;

/** 202 body: the message is durable; {@code duplicate} says it had been accepted before. */
record IngestReceiptResponse(UUID messageId, UUID eventId, UUID encounterId, String patientPseudonym, boolean duplicate) {

    static IngestReceiptResponse of(IngestReceipt receipt) {
        return new IngestReceiptResponse(receipt.messageId(), receipt.eventId(), receipt.encounterId(), receipt.patientPseudonym(),
                receipt.duplicate());
    }
}
