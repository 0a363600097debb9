package no.carerelay.trajectory.web;

/**
 * No patient by this pseudonym that the caller may see. Said alike for a patient who does not exist and one of another
 * municipality, so the answer never tells a caller that a patient it may not see exists.
 */
class PatientNotFoundException extends RuntimeException {

    PatientNotFoundException() {
        super("No patient with this pseudonym is known to your municipality.");
    }
}
