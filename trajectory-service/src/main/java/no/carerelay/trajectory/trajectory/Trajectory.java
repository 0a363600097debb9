package no.carerelay.trajectory.trajectory;

import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;

/** A trajectory row as the service reasons about it. */
record Trajectory(
        UUID id,
        String patientPseudonym,
        String pathway,
        LocalDate definitionVersion,
        TrajectoryStatus status,
        LocalDate startDate,
        String startHospitalOrg,
        OrganisationRef hospital,
        String municipality,
        LocalDate decisionDate,
        LocalDate diagnosisDate,
        LocalDate sp1Date,
        LocalDate sp2Date,
        LocalDate sp3Date) {
}
