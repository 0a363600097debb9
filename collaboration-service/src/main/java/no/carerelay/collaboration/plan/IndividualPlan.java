package no.carerelay.collaboration.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import no.carerelay.collaboration.care.CareRole;

/**
 * The individual plan (hol § 7-1, sphl § 2-5; FHIR CarePlan): goals and agreed measures, each with who is
 * responsible. {@code leadSector} is derived, not chosen: the municipality leads as soon as it serves the patient.
 */
public record IndividualPlan(String patientPseudonym, CareRole.Sector leadSector, List<String> goals, List<Measure> measures, int version,
        String updatedBy, Instant updatedAt) {

    /**
     * @param responsibleRole         the care-team role answering for the measure; must be on the team
     * @param responsibleOrganisation organisation number, when the role is held by several organisations
     */
    public record Measure(String description, CareRole responsibleRole, String responsibleOrganisation, LocalDate dueDate) {
    }
}
