package no.carerelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carerelay.contracts.collaboration.CancellationReason;
import no.carerelay.contracts.collaboration.HandoverAccepted;
import no.carerelay.contracts.collaboration.HandoverCancelled;
import no.carerelay.contracts.collaboration.HandoverCompleted;
import no.carerelay.contracts.collaboration.HandoverEscalated;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.collaboration.HandoverReceived;
import no.carerelay.contracts.collaboration.HandoverRejected;
import no.carerelay.contracts.audit.PatientDataAccessed;
import no.carerelay.contracts.collaboration.TaskOverdue;
import no.carerelay.contracts.collaboration.TaskOwnerType;
import no.carerelay.contracts.collaboration.TaskPriority;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.contracts.notification.DeliveryParked;
import no.carerelay.contracts.notification.DeliveryReplayed;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.patient.DischargeReadyWithdrawn;
import no.carerelay.contracts.patient.EncounterCancelled;
import no.carerelay.contracts.patient.PathwayEventRegistered;
import no.carerelay.contracts.patient.PatientAdmitted;
import no.carerelay.contracts.patient.PatientClass;
import no.carerelay.contracts.patient.PatientDeceased;
import no.carerelay.contracts.patient.PatientDischarged;
import no.carerelay.contracts.patient.PatientMoved;
import no.carerelay.contracts.patient.PatientRegistered;
import no.carerelay.contracts.patient.PatientTransferred;
import no.carerelay.contracts.trajectory.DeadlineApproaching;
import no.carerelay.contracts.trajectory.DeadlineBreached;
import no.carerelay.contracts.trajectory.DeadlineInterval;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;

/** One fully populated and one minimal instance of every event type. */
final class ContractSamples {

    static final String PSEUDONYM = "p-3f9a1c2e7b4d5a60";
    static final OrganisationRef HOSPITAL = new OrganisationRef("983974899", "90234", "Sykehuset Testfold HF");

    private ContractSamples() {
    }

    static Map<EventType<?>, List<Object>> all() {
        Instant now = Instant.parse("2026-11-22T10:15:30Z");
        UUID encounter = UUID.randomUUID();
        UUID requirement = UUID.randomUUID();
        UUID kase = UUID.randomUUID();
        OrganisationRef otherHospital = new OrganisationRef("974749025", null, "Nabosykehuset HF");
        return Map.ofEntries(
                Map.entry(EventTypes.PATIENT_REGISTERED, List.of(
                        new PatientRegistered(PSEUDONYM, "0301", new OrganisationRef("912345678", "81234", "Legesenteret"), now),
                        new PatientRegistered(PSEUDONYM, "0301", null, now))),
                Map.entry(EventTypes.PATIENT_MOVED, List.of(new PatientMoved(PSEUDONYM, "0301", "4601", now))),
                Map.entry(EventTypes.PATIENT_DECEASED, List.of(new PatientDeceased(PSEUDONYM, "0301", now))),
                Map.entry(EventTypes.PATIENT_ADMITTED, List.of(
                        new PatientAdmitted(PSEUDONYM, encounter, "0301", HOSPITAL, PatientClass.INPATIENT, now, LocalDate.of(2026, 11, 30)),
                        new PatientAdmitted(PSEUDONYM, encounter, "0301", HOSPITAL, PatientClass.EMERGENCY, now, null))),
                Map.entry(EventTypes.PATIENT_TRANSFERRED, List.of(new PatientTransferred(PSEUDONYM, encounter, "0301", HOSPITAL, otherHospital, now))),
                Map.entry(EventTypes.DISCHARGE_READY_WITHDRAWN, List.of(new DischargeReadyWithdrawn(PSEUDONYM, encounter, "0301", HOSPITAL, now))),
                Map.entry(EventTypes.PATIENT_DISCHARGED, List.of(
                        new PatientDischarged(PSEUDONYM, encounter, "0301", HOSPITAL, now, "home"),
                        new PatientDischarged(PSEUDONYM, encounter, "0301", HOSPITAL, now, null))),
                Map.entry(EventTypes.ENCOUNTER_CANCELLED, List.of(new EncounterCancelled(PSEUDONYM, encounter, "0301", HOSPITAL, "DISCHARGE", now))),
                Map.entry(EventTypes.DISCHARGE_READY_DECLARED, List.of(
                        new DischargeReadyDeclared(PSEUDONYM, encounter, "0301", HOSPITAL, now, LocalDate.of(2026, 11, 24), List.of("HOME_NURSING")),
                        new DischargeReadyDeclared(PSEUDONYM, encounter, "4601", new OrganisationRef("983974899", null, null), now, null, null))),
                Map.entry(EventTypes.HANDOVER_REQUIRED, List.of(
                        new HandoverRequired(requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY,
                                "Answer the discharge-ready notice", now, HOSPITAL, UUID.randomUUID()))),
                Map.entry(EventTypes.HANDOVER_OPENED, List.of(
                        new HandoverOpened(UUID.randomUUID(), requirement, PSEUDONYM, "0301", HandoverReason.SP2_DUE,
                                "Hold the SP2 needs assessment", now, HOSPITAL, now))),
                Map.entry(EventTypes.HANDOVER_RECEIVED, List.of(
                        new HandoverReceived(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, "oslo-kreftkoordinator-1", now))),
                Map.entry(EventTypes.HANDOVER_ACCEPTED, List.of(
                        new HandoverAccepted(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, "oslo-kreftkoordinator-1",
                                LocalDate.of(2026, 11, 25), now),
                        new HandoverAccepted(kase, requirement, PSEUDONYM, "0301", HandoverReason.SP2_DUE, "oslo-kreftkoordinator-1", null, now))),
                Map.entry(EventTypes.HANDOVER_REJECTED, List.of(
                        new HandoverRejected(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, "oslo-kreftkoordinator-1",
                                "No short-term bed before Friday", LocalDate.of(2026, 11, 27), now),
                        new HandoverRejected(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, "oslo-kreftkoordinator-1",
                                "Patient lives in another municipality", null, now))),
                Map.entry(EventTypes.HANDOVER_ESCALATED, List.of(
                        new HandoverEscalated(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, now, HOSPITAL, now))),
                Map.entry(EventTypes.HANDOVER_CANCELLED, List.of(
                        new HandoverCancelled(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY,
                                CancellationReason.DISCHARGE_READY_WITHDRAWN, UUID.randomUUID(), now),
                        new HandoverCancelled(kase, requirement, PSEUDONYM, "0301", HandoverReason.SP3_DUE, CancellationReason.BY_REQUESTER, null, now))),
                Map.entry(EventTypes.HANDOVER_COMPLETED, List.of(
                        new HandoverCompleted(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, "oslo-kreftkoordinator-1", now),
                        new HandoverCompleted(kase, requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY, null, now))),
                Map.entry(EventTypes.PATHWAY_EVENT_REGISTERED, List.of(
                        new PathwayEventRegistered(PSEUDONYM, "A12CK", LocalDate.of(2026, 11, 20), "0301", HOSPITAL, "SURGERY", now),
                        new PathwayEventRegistered(PSEUDONYM, "C01A", LocalDate.of(2026, 11, 20), "4601",
                                new OrganisationRef("983974899", null, null), null, now))),
                Map.entry(EventTypes.DEADLINE_APPROACHING, List.of(
                        new DeadlineApproaching(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "A12", DeadlineInterval.OF3, "SURGERY",
                                "surgery start (A12FK)", LocalDate.of(2026, 12, 4), Instant.parse("2026-12-04T23:00:00Z"), HOSPITAL, "0301", now),
                        new DeadlineApproaching(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "C01", DeadlineInterval.OF1, null,
                                "first visit (C01S)", LocalDate.of(2026, 11, 27), Instant.parse("2026-11-27T23:00:00Z"), HOSPITAL, "0301", now))),
                Map.entry(EventTypes.DEADLINE_BREACHED, List.of(
                        new DeadlineBreached(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "A11", DeadlineInterval.OF4, "DRUG",
                                "drug treatment start (A11FM)", LocalDate.of(2026, 12, 19), Instant.parse("2026-12-19T23:00:00Z"), HOSPITAL, "0301", now),
                        new DeadlineBreached(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "A12", DeadlineInterval.SP2, null,
                                "SP2 needs assessment in the municipality", LocalDate.of(2027, 3, 20), Instant.parse("2027-03-20T23:00:00Z"), HOSPITAL, "0301", now))),
                Map.entry(EventTypes.DELIVERY_ATTEMPTED, List.of(
                        new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 1,
                                DeliveryOutcome.DELIVERED, 204, 12, now),
                        new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 3,
                                DeliveryOutcome.PARKED, null, 5000, now))),
                Map.entry(EventTypes.DELIVERY_PARKED, List.of(
                        new DeliveryParked(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 1,
                                "HTTP 410", now),
                        new DeliveryParked(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 8,
                                "retry budget spent: HttpTimeoutException", now))),
                Map.entry(EventTypes.DELIVERY_REPLAYED, List.of(
                        new DeliveryReplayed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK",
                                "HTTP 410", now),
                        new DeliveryReplayed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK",
                                null, now))),
                Map.entry(EventTypes.TASK_OVERDUE, List.of(
                        new TaskOverdue(UUID.randomUUID(), PSEUDONYM, "0301", TaskPriority.URGENT, TaskOwnerType.ROLE, "MUNICIPAL_CANCER_COORDINATOR",
                                "NEEDS_ASSESSMENT", now, now),
                        new TaskOverdue(UUID.randomUUID(), PSEUDONYM, null, TaskPriority.ROUTINE, TaskOwnerType.ORGANISATION, "983974899",
                                "MANUAL", now, now))),
                Map.entry(EventTypes.COLLABORATION_PATIENT_DATA_ACCESSED, List.of(
                        new PatientDataAccessed(UUID.randomUUID(), PSEUDONYM, now, "collaboration-service", "kari.nordmann",
                                List.of("municipal-coordinator"), "974600951", "0301", "handover-case", "read", "GRANTED", "follow-up"),
                        new PatientDataAccessed(UUID.randomUUID(), PSEUDONYM, now, "collaboration-service", null, List.of(), null, null,
                                "request", "GET", "DENIED", "401: no bearer token"))),
                Map.entry(EventTypes.TRAJECTORY_PATIENT_DATA_ACCESSED, List.of(
                        new PatientDataAccessed(UUID.randomUUID(), PSEUDONYM, now, "trajectory-service", "forlopskoordinator",
                                List.of("pathway-coordinator"), "983974899", null, "timeline", "read-timeline", "GRANTED", null))));
    }
}
