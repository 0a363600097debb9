package no.carerelay.patient.ingest.hl7;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;

/**
 * An ACK for a message HAPI could not parse, built from the bare MSH line. Only MSH fields that route the answer
 * are echoed (sender, receiver, control id, version), never anything from the message body.
 */
final class RawAck {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private RawAck() {
    }

    static String reject(String incoming, AcknowledgmentCode code, ErrorCode error, String reason) {
        String[] msh = mshFields(incoming);
        String controlId = clean(field(msh, 10));
        String version = clean(field(msh, 12));
        String now = ZonedDateTime.now(ZoneId.of("Europe/Oslo")).format(HL7_TIME);
        return "MSH|^~\\&|" + clean(field(msh, 5)) + "|" + clean(field(msh, 6)) + "|" + clean(field(msh, 3)) + "|" + clean(field(msh, 4)) + "|"
                + now + "||ACK|" + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "|P|"
                + (version.isEmpty() ? "2.5" : version) + "\r"
                + "MSA|" + code.name() + "|" + controlId + "\r"
                + "ERR||" + "|" + error.getCode() + "^" + error.getMessage() + "^HL70357|E||||" + reason.replace('|', '/').replace('^', ' ') + "\r";
    }

    private static String[] mshFields(String incoming) {
        if (incoming == null) {
            return new String[0];
        }
        int start = incoming.indexOf("MSH");
        if (start < 0 || incoming.length() < start + 4) {
            return new String[0];
        }
        String line = incoming.substring(start).split("[\r\n]", 2)[0];
        char separator = line.charAt(3);
        // MSH-1 is the separator itself, so field n sits at index n-1 after splitting
        return line.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
    }

    private static String field(String[] msh, int number) {
        return number - 1 < msh.length ? msh[number - 1] : "";
    }

    /** Routing fields only, trimmed to what an HD or ST may hold and stripped of anything that is not plain text. */
    private static String clean(String value) {
        String plain = value.replaceAll("[^A-Za-z0-9 ._^-]", "");
        return plain.length() > 60 ? plain.substring(0, 60) : plain;
    }
}
