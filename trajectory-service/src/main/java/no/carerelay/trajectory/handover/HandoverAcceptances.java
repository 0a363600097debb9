package no.carerelay.trajectory.handover;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.collaboration.HandoverAccepted;

/**
 * collaboration.handovers.v1 HandoverAccepted: the municipality took over. The requirement is marked accepted and,
 * when it belongs to a trajectory, the timeline shows that responsibility moved and to whom.
 */
@Service
public class HandoverAcceptances {

    private static final Logger log = LoggerFactory.getLogger(HandoverAcceptances.class);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final ZoneId zone;

    HandoverAcceptances(JdbcClient jdbc, MeterRegistry meters, @Value("${carerelay.trajectory.time-zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.zone = zone;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onAccepted(EventEnvelope<HandoverAccepted> event) {
        HandoverAccepted accepted = event.data();
        Optional<UUID> trajectory = jdbc.sql("""
                        UPDATE handover_requirement SET accepted_at = ?, accepted_case_id = ?, accepted_by = ?, planned_start = ?
                        WHERE id = ? AND accepted_at IS NULL
                        RETURNING COALESCE(trajectory_id, '00000000-0000-0000-0000-000000000000'::uuid)""")
                .params(Timestamp.from(accepted.acceptedAt()), accepted.caseId(), accepted.acceptedBy(), accepted.plannedStart(),
                        accepted.requirementId())
                .query(UUID.class).optional();
        if (trajectory.isEmpty()) {
            // Not ours, or accepted before (a second acceptance of one case changes nothing).
            meters.counter("carerelay.handover.accepted", "outcome", "unknown-or-repeated").increment();
            log.info("HandoverAccepted for an unknown or already accepted requirement; nothing changed");
            return;
        }
        meters.counter("carerelay.handover.accepted", "outcome", "recorded", "reason", accepted.reason().name()).increment();
        UUID trajectoryId = trajectory.get();
        jdbc.sql("""
                        INSERT INTO milestone (id, trajectory_id, patient_pseudonym, code, event_date, source, source_event_id, outcome, note, recorded_at)
                        VALUES (?, ?, ?, 'RESPONSIBILITY_MOVED', ?, 'HANDOVER', ?, 'APPLIED', ?, now())""")
                .params(UUID.randomUUID(), new UUID(0, 0).equals(trajectoryId) ? null : trajectoryId, accepted.patientPseudonym(),
                        accepted.acceptedAt().atZone(zone).toLocalDate(), event.id(),
                        "Municipality " + accepted.municipality() + " accepted the handover (" + accepted.reason() + ", case " + accepted.caseId()
                                + (accepted.plannedStart() == null ? "" : ", planned start " + accepted.plannedStart()) + ")")
                .update();
    }
}
