package no.carerelay.patient.encounter;

/** The message does not fit where the stay is, e.g. a discharge cancelled that never happened. */
public class EncounterStateException extends RuntimeException {

    public EncounterStateException(String message) {
        super(message);
    }
}
