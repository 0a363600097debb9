package no.carerelay.patient.encounter;

/** The hospital's visit number already belongs to another patient: refusing beats merging two people's stays. */
public class EncounterConflictException extends RuntimeException {

    public EncounterConflictException() {
        super("this visit number is already registered for another patient at this hospital");
    }
}
