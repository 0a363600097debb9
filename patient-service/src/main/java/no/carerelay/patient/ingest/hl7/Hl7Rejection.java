package no.carerelay.patient.ingest.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;

/**
 * Why a message is refused, as the ACK will say it: AR for a message we cannot take at all (wrong type, version,
 * structure), AE for one whose content is wrong. The reason names the place (segment, field) and never the value.
 */
final class Hl7Rejection extends Exception {

    private final AcknowledgmentCode acknowledgment;
    private final ErrorCode errorCode;
    private final String segment;
    private final int field;
    private final String reasonCode;

    Hl7Rejection(AcknowledgmentCode acknowledgment, ErrorCode errorCode, String segment, int field, String reasonCode, String reason) {
        super(reason);
        this.acknowledgment = acknowledgment;
        this.errorCode = errorCode;
        this.segment = segment;
        this.field = field;
        this.reasonCode = reasonCode;
    }

    static Hl7Rejection error(String segment, int field, String reasonCode, String reason) {
        return new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.DATA_TYPE_ERROR, segment, field, reasonCode, reason);
    }

    static Hl7Rejection missing(String segment, int field, String what) {
        return new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.REQUIRED_FIELD_MISSING, segment, field, "missing-field",
                segment + "-" + field + " (" + what + ") is required");
    }

    AcknowledgmentCode acknowledgment() {
        return acknowledgment;
    }

    ErrorCode errorCode() {
        return errorCode;
    }

    String segment() {
        return segment;
    }

    int field() {
        return field;
    }

    String reasonCode() {
        return reasonCode;
    }
}
