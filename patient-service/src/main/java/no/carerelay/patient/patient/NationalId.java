package no.carerelay.patient.patient;

/**
 * A validated national ID number. {@link #toString()} never shows the digits, so it is safe in logs and
 * exception messages by accident.
 */
public record NationalId(String value, NationalIdKind kind, boolean synthetic) {

    @Override
    public String toString() {
        return "NationalId[kind=" + kind + ", synthetic=" + synthetic + ", value=***********]";
    }
}
