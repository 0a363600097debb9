package no.carerelay.patient.patient;

/** Why a national ID number was refused; the message never contains the number. */
public class InvalidNationalIdException extends RuntimeException {

    public InvalidNationalIdException(String reason) {
        super(reason);
    }
}
