package no.carerelay.trajectory.trajectory;

import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.trajectory.pathway.TreatmentType;

/**
 * A pathway event to apply, from patient.encounters.v1 or a pathway coordinator.
 *
 * @param code             an NPR code (A12CK) or a Pakkeforløp hjem milestone (SP1, SP2, SP3)
 * @param municipality     kommunenummer; required to start a trajectory, otherwise updates it when given
 * @param hospital         the registering health trust; required for NPR codes
 * @param plannedTreatment optional with CK
 * @param sourceEventId    the CloudEvent id (Kafka) or a fresh id (API); it is the causation of what follows
 */
public record PathwayEventCommand(
        String patientPseudonym,
        String code,
        LocalDate eventDate,
        String municipality,
        OrganisationRef hospital,
        TreatmentType plannedTreatment,
        Source source,
        UUID sourceEventId) {

    public enum Source { KAFKA, API }
}
