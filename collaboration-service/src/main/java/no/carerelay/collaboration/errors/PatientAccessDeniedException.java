package no.carerelay.collaboration.errors;

/** The actor has no work-related connection to the patient (tjenstlig behov): not on the care team, no case. */
public class PatientAccessDeniedException extends RuntimeException {

    public PatientAccessDeniedException() {
        super("not on this patient's care team and acting for no municipality with a case or a team member for the patient");
    }
}
