package no.carerelay.trajectory.handover;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.DischargeReadyDeclared;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.eventbus.EventPublisher;

/** Decides that a municipality must answer, records the decision and announces it, in one transaction. */
@Service
public class HandoverRequirements {

    static final String DISCHARGE_READY_NEEDED =
            "Answer the discharge-ready notice today: confirm the municipality can receive the patient, or say why not";

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final ZoneId zone;
    private final MeterRegistry meters;

    HandoverRequirements(JdbcClient jdbc, EventPublisher events, @Value("${carerelay.trajectory.time-zone}") ZoneId zone,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.zone = zone;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onDischargeReady(EventEnvelope<DischargeReadyDeclared> event) {
        DischargeReadyDeclared declared = event.data();
        Instant due = DischargeReadyDeadline.answerDue(declared.declaredAt(), zone);
        require(null, new HandoverRequired(UUID.randomUUID(), declared.patientPseudonym(), declared.municipality(),
                HandoverReason.DISCHARGE_READY, DISCHARGE_READY_NEEDED, due, declared.hospital(), event.id()));
    }

    /**
     * A requirement that belongs to a trajectory (Pakkeforløp hjem: SP1_COMPLETED, SP2_DUE, SP3_DUE).
     *
     * @param causationId the event or deadline that caused it; one requirement per cause
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public HandoverRequired requireForTrajectory(UUID trajectoryId, String patientPseudonym, String municipality, HandoverReason reason,
            String needed, Instant dueAt, OrganisationRef requestedBy, UUID causationId) {
        HandoverRequired required = new HandoverRequired(UUID.randomUUID(), patientPseudonym, municipality, reason, needed, dueAt,
                requestedBy, causationId);
        require(trajectoryId, required);
        return required;
    }

    private void require(UUID trajectoryId, HandoverRequired required) {
        jdbc.sql("""
                        INSERT INTO handover_requirement (id, patient_pseudonym, municipality, reason, needed, due_at,
                                                          requested_by_org, requested_by_her_id, requested_by_name, causation_id, trajectory_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(required.requirementId(), required.patientPseudonym(), required.municipality(), required.reason().name(),
                        required.needed(), Timestamp.from(required.dueAt()), required.requestedBy().organisationNumber(),
                        required.requestedBy().herId(), required.requestedBy().name(), required.causationId(), trajectoryId)
                .update();
        events.publish(EventTypes.HANDOVER_REQUIRED, required.patientPseudonym(), required);
        meters.counter("carerelay.handover.required", "reason", required.reason().name()).increment();
    }
}
