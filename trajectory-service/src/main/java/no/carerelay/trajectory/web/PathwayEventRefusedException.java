package no.carerelay.trajectory.web;

import no.carerelay.trajectory.trajectory.Registration;

/** A well-formed pathway event the patient's trajectory cannot take now. */
class PathwayEventRefusedException extends RuntimeException {

    private final Registration.Rejection rejection;

    PathwayEventRefusedException(Registration.Rejection rejection) {
        super(rejection.reason());
        this.rejection = rejection;
    }

    Registration.Rejection rejection() {
        return rejection;
    }
}
