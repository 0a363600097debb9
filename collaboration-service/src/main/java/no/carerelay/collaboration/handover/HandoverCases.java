package no.carerelay.collaboration.handover;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.eventbus.EventPublisher;

/** Opens a case in the addressed municipality's inbox for every handover requirement. */
@Service
public class HandoverCases {

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final MeterRegistry meters;

    HandoverCases(JdbcClient jdbc, EventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void open(EventEnvelope<HandoverRequired> event) {
        HandoverRequired required = event.data();
        Instant openedAt = Instant.now();
        HandoverOpened opened = new HandoverOpened(UUID.randomUUID(), required.requirementId(), required.patientPseudonym(),
                required.municipality(), required.reason(), required.needed(), required.dueAt(), required.requestedBy(), openedAt);
        // one case per requirement even if trajectory-service ever re-announced one under a new event id
        int inserted = jdbc.sql("""
                        INSERT INTO handover_case (id, requirement_id, patient_pseudonym, municipality, reason, needed, due_at,
                                                   requested_by_org, requested_by_her_id, requested_by_name, status, opened_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (requirement_id) DO NOTHING""")
                .params(opened.caseId(), opened.requirementId(), opened.patientPseudonym(), opened.municipality(), opened.reason().name(),
                        opened.needed(), Timestamp.from(opened.dueAt()), opened.requestedBy().organisationNumber(),
                        opened.requestedBy().herId(), opened.requestedBy().name(), HandoverStatus.REQUESTED.name(), Timestamp.from(openedAt))
                .update();
        if (inserted == 1) {
            events.publish(EventTypes.HANDOVER_OPENED, opened.patientPseudonym(), opened);
            meters.counter("carerelay.handover.opened", "reason", opened.reason().name()).increment();
        }
    }
}
