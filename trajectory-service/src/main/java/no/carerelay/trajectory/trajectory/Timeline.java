package no.carerelay.trajectory.trajectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A patient's trajectories with everything that happened and what is due, for the pathway coordinator. */
public record Timeline(String patientPseudonym, List<TrajectoryView> trajectories, List<MilestoneView> otherEvents,
        List<HandoverView> handovers) {

    public record TrajectoryView(UUID id, String pathway, String pathwayName, LocalDate definitionVersion, String status,
            LocalDate startDate, String startHospital, String hospital, String municipality, String decisionCode, LocalDate decisionDate,
            String plannedTreatment, String treatmentCode, LocalDate treatmentDate, Integer of4Days, Integer of4StandardDays,
            Boolean withinStandard, HomePathwayView homePathway, List<MilestoneView> milestones, List<DeadlineView> deadlines) {
    }

    public record HomePathwayView(LocalDate diagnosisDate, LocalDate sp1Date, LocalDate sp2Date, LocalDate sp3Date) {
    }

    /** @param outcome APPLIED, or IGNORED with the reason in {@code note} */
    public record MilestoneView(String code, LocalDate eventDate, String hospital, String source, String outcome, String note,
            Instant recordedAt) {
    }

    public record DeadlineView(UUID id, String interval, String treatment, String awaiting, Integer standardDays, LocalDate fromDate,
            LocalDate dueDate, Instant dueAt, String status, LocalDate closedDate, Instant warnedAt, Instant handoverRequiredAt,
            Instant breachedAt, boolean warningSuppressed) {
    }

    public record HandoverView(UUID requirementId, UUID trajectoryId, String reason, String municipality, Instant dueAt, Instant requiredAt,
            Instant acceptedAt, UUID acceptedCaseId, LocalDate plannedStart) {
    }
}
