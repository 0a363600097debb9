package no.carerelay.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
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
        return Map.of(
                EventTypes.DISCHARGE_READY_DECLARED, List.of(
                        new DischargeReadyDeclared(PSEUDONYM, encounter, "0301", HOSPITAL, now, LocalDate.of(2026, 11, 24), List.of("HOME_NURSING")),
                        new DischargeReadyDeclared(PSEUDONYM, encounter, "4601", new OrganisationRef("983974899", null, null), now, null, null)),
                EventTypes.HANDOVER_REQUIRED, List.of(
                        new HandoverRequired(requirement, PSEUDONYM, "0301", HandoverReason.DISCHARGE_READY,
                                "Answer the discharge-ready notice", now, HOSPITAL, UUID.randomUUID())),
                EventTypes.HANDOVER_OPENED, List.of(
                        new HandoverOpened(UUID.randomUUID(), requirement, PSEUDONYM, "0301", HandoverReason.SP2_DUE,
                                "Hold the SP2 needs assessment", now, HOSPITAL, now)),
                EventTypes.DELIVERY_ATTEMPTED, List.of(
                        new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 1,
                                DeliveryOutcome.DELIVERED, 204, 12, now),
                        new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(), PSEUDONYM, "0301", "WEBHOOK", 3,
                                DeliveryOutcome.PARKED, null, 5000, now)));
    }
}
