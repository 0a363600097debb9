package no.carerelay.contracts;

/**
 * An organisation as the Norwegian health network addresses it.
 *
 * @param organisationNumber the nine-digit number from Enhetsregisteret
 * @param herId              the address in Adresseregisteret (HER-id); optional
 * @param name               display name; optional
 */
public record OrganisationRef(String organisationNumber, String herId, String name) {

    public OrganisationRef {
        if (organisationNumber == null || !organisationNumber.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("organisationNumber must be nine digits");
        }
        if (herId != null && !herId.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("herId must be 1-9 digits");
        }
    }
}
