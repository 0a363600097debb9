package no.carerelay.collaboration.handover;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import no.carerelay.collaboration.access.AccessLog;
import no.carerelay.collaboration.care.PatientAccess;
import no.carerelay.collaboration.config.CollaborationProperties;
import no.carerelay.collaboration.identity.Actor;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.CancellationReason;
import no.carerelay.contracts.collaboration.HandoverAccepted;
import no.carerelay.contracts.collaboration.HandoverCancelled;
import no.carerelay.contracts.collaboration.HandoverCompleted;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.collaboration.HandoverReceived;
import no.carerelay.contracts.collaboration.HandoverRejected;
import no.carerelay.contracts.trajectory.HandoverReason;
import no.carerelay.contracts.trajectory.HandoverRequired;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.resourceserver.Role;

/**
 * Handover cases: opened for every requirement, answered by the addressed municipality, cancelled when the hospital
 * withdraws what caused them. Every change, its history row and its event commit together.
 */
@Service
public class HandoverCases {

    static final String RESOURCE = "handover-case";

    private final JdbcClient jdbc;
    private final EventPublisher events;
    private final MeterRegistry meters;
    private final AccessLog accessLog;
    private final PatientAccess patients;
    private final Clock clock;
    private final ZoneId zone;

    HandoverCases(JdbcClient jdbc, EventPublisher events, MeterRegistry meters, AccessLog accessLog, PatientAccess patients, Clock clock,
            CollaborationProperties properties) {
        this.jdbc = jdbc;
        this.events = events;
        this.meters = meters;
        this.accessLog = accessLog;
        this.patients = patients;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** One case per requirement, whatever the number of deliveries or re-announcements. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(EventEnvelope<HandoverRequired> event) {
        HandoverRequired required = event.data();
        Instant openedAt = clock.instant();
        Optional<DischargeReadyNotice> notice = required.reason() == HandoverReason.DISCHARGE_READY
                ? notice(required.causationId()) : Optional.empty();
        LocalDate declaredOn = required.reason() != HandoverReason.DISCHARGE_READY ? null
                // the deadline is the midnight after the declaration day, so the day before it is the declaration day
                : notice.map(n -> n.declaredAt().atZone(zone).toLocalDate())
                        .orElseGet(() -> required.dueAt().minusMillis(1).atZone(zone).toLocalDate());
        HandoverOpened opened = new HandoverOpened(UUID.randomUUID(), required.requirementId(), required.patientPseudonym(),
                required.municipality(), required.reason(), required.needed(), required.dueAt(), required.requestedBy(), openedAt);
        int inserted = jdbc.sql("""
                        INSERT INTO handover_case (id, requirement_id, patient_pseudonym, municipality, receiving_service, reason, needed,
                                                   due_at, requested_by_org, requested_by_her_id, requested_by_name, status, opened_at,
                                                   causation_id, declared_on, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (requirement_id) DO NOTHING""")
                .params(opened.caseId(), opened.requirementId(), opened.patientPseudonym(), opened.municipality(),
                        receivingService(opened.reason()), opened.reason().name(), opened.needed(), Timestamp.from(opened.dueAt()),
                        opened.requestedBy().organisationNumber(), opened.requestedBy().herId(), opened.requestedBy().name(),
                        HandoverStatus.REQUESTED.name(), Timestamp.from(openedAt), required.causationId(),
                        declaredOn == null ? null : Date.valueOf(declaredOn), Timestamp.from(openedAt))
                .update();
        if (inserted == 0) {
            return;
        }
        history(opened.caseId(), null, HandoverStatus.REQUESTED, "open", null, null, "requested by " + opened.requestedBy().organisationNumber(),
                openedAt);
        events.publish(EventTypes.HANDOVER_OPENED, opened.patientPseudonym(), opened);
        meters.counter("carerelay.handover.opened", "reason", opened.reason().name()).increment();
        // The withdrawal travels on another topic and may have overtaken this requirement.
        notice.flatMap(n -> voidAfter(n.encounterId(), n.declaredAt()))
                .ifPresent(voided -> cancel(lock(opened.caseId()).orElseThrow(), voided.reason(), voided.eventId(), openedAt));
    }

    /**
     * The case, if the actor acts for its addressed municipality, or is a pathway coordinator on the patient's care
     * team (the hospital side follows its patients' handovers; it cannot answer them). A refusal is logged.
     */
    @Transactional(readOnly = true)
    public HandoverCase get(UUID caseId, Actor actor) {
        HandoverCase kase = jdbc.sql("SELECT " + HandoverCaseRows.COLUMNS + " FROM handover_case WHERE id = ?").param(caseId)
                .query(HandoverCaseRows.MAPPER).optional().orElseThrow(() -> new HandoverCaseNotFoundException(caseId));
        if (!addressedTo(kase, actor) && actor.has(Role.PATHWAY_COORDINATOR) && patients.onCareTeam(actor.userId(), kase.patientPseudonym())) {
            accessLog.granted(actor, RESOURCE, kase.id().toString(), kase.patientPseudonym(), "read");
            return kase;
        }
        requireAddressed(kase, actor, "read");
        return kase;
    }

    @Transactional(readOnly = true)
    public List<HandoverHistoryEntry> history(UUID caseId) {
        return jdbc.sql("""
                        SELECT from_status, to_status, action, actor, actor_municipality, detail, at FROM handover_case_history
                        WHERE case_id = ? ORDER BY id""")
                .param(caseId)
                .query((rs, row) -> new HandoverHistoryEntry(rs.getString(1) == null ? null : HandoverStatus.valueOf(rs.getString(1)),
                        HandoverStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        HandoverCaseRows.instant(rs, "at")))
                .list();
    }

    /** FHIR Task received: the municipality has seen the case. */
    @Transactional
    public HandoverCase receive(UUID caseId, Actor actor) {
        HandoverCase kase = lockForAnswer(caseId, actor, HandoverStatus.RECEIVED, "receive");
        Instant now = clock.instant();
        jdbc.sql("UPDATE handover_case SET status = 'RECEIVED', received_at = ?, received_by = ?, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), actor.userId(), Timestamp.from(now), caseId).update();
        history(caseId, kase.status(), HandoverStatus.RECEIVED, "receive", actor.userId(), actor.municipality(), null, now);
        events.publish(EventTypes.HANDOVER_RECEIVED, kase.patientPseudonym(), new HandoverReceived(kase.id(), kase.requirementId(),
                kase.patientPseudonym(), kase.municipality(), kase.reason(), actor.userId(), now));
        return transitioned(caseId, HandoverStatus.RECEIVED);
    }

    /** FHIR Task accepted: responsibility moves to the municipality, optionally from a planned start date. */
    @Transactional
    public HandoverCase accept(UUID caseId, Actor actor, LocalDate plannedStart) {
        HandoverCase kase = lockForAnswer(caseId, actor, HandoverStatus.ACCEPTED, "accept");
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE handover_case SET status = 'ACCEPTED', accepted_at = ?, accepted_by = ?, planned_start = ?,
                               received_at = COALESCE(received_at, ?), received_by = COALESCE(received_by, ?), updated_at = ? WHERE id = ?""")
                .params(Timestamp.from(now), actor.userId(), plannedStart == null ? null : Date.valueOf(plannedStart), Timestamp.from(now),
                        actor.userId(), Timestamp.from(now), caseId)
                .update();
        history(caseId, kase.status(), HandoverStatus.ACCEPTED, "accept", actor.userId(), actor.municipality(),
                plannedStart == null ? null : "planned start " + plannedStart, now);
        events.publish(EventTypes.HANDOVER_ACCEPTED, kase.patientPseudonym(), new HandoverAccepted(kase.id(), kase.requirementId(),
                kase.patientPseudonym(), kase.municipality(), kase.reason(), actor.userId(), plannedStart, now));
        answered(kase, clock.instant());
        return transitioned(caseId, HandoverStatus.ACCEPTED);
    }

    /** FHIR Task rejected: the municipality cannot take over as asked, says why and may offer another date. */
    @Transactional
    public HandoverCase reject(UUID caseId, Actor actor, String reason, LocalDate proposedDate) {
        HandoverCase kase = lockForAnswer(caseId, actor, HandoverStatus.REJECTED, "reject");
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE handover_case SET status = 'REJECTED', rejected_at = ?, rejected_by = ?, rejection_reason = ?, proposed_date = ?,
                               received_at = COALESCE(received_at, ?), received_by = COALESCE(received_by, ?), updated_at = ? WHERE id = ?""")
                .params(Timestamp.from(now), actor.userId(), reason, proposedDate == null ? null : Date.valueOf(proposedDate),
                        Timestamp.from(now), actor.userId(), Timestamp.from(now), caseId)
                .update();
        history(caseId, kase.status(), HandoverStatus.REJECTED, "reject", actor.userId(), actor.municipality(),
                proposedDate == null ? null : "proposed date " + proposedDate, now);
        events.publish(EventTypes.HANDOVER_REJECTED, kase.patientPseudonym(), new HandoverRejected(kase.id(), kase.requirementId(),
                kase.patientPseudonym(), kase.municipality(), kase.reason(), actor.userId(), reason, proposedDate, now));
        answered(kase, clock.instant());
        return transitioned(caseId, HandoverStatus.REJECTED);
    }

    /** FHIR Task completed: the municipality reports the handover done (e.g. the SP2 conversation was held). */
    @Transactional
    public HandoverCase complete(UUID caseId, Actor actor) {
        HandoverCase kase = lockForAnswer(caseId, actor, HandoverStatus.COMPLETED, "complete");
        complete(kase, actor.userId(), actor.municipality(), clock.instant());
        return transitioned(caseId, HandoverStatus.COMPLETED);
    }

    /**
     * The hospital withdrew the discharge-ready notice or cancelled the admission: every open discharge-ready case
     * that rests on that stay is cancelled. A case whose declaration we never saw is taken to rest on it too: a
     * patient is in one stay at a time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int cancelForEncounter(String pseudonym, UUID encounterId, CancellationReason reason, UUID causationId, Instant at) {
        jdbc.sql("INSERT INTO encounter_void (encounter_id, kind, event_id, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(encounterId, reason.name(), causationId, Timestamp.from(at)).update();
        List<HandoverCase> open = casesOfEncounter(pseudonym, encounterId, " AND status IN ('REQUESTED', 'RECEIVED', 'ACCEPTED')");
        open.forEach(kase -> cancel(kase, reason, causationId, clock.instant()));
        return open.size();
    }

    /** The patient left the hospital: an accepted discharge-ready case for that stay is done. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int completeForEncounter(String pseudonym, UUID encounterId) {
        List<HandoverCase> accepted = casesOfEncounter(pseudonym, encounterId, " AND status = 'ACCEPTED'");
        accepted.forEach(kase -> complete(kase, null, null, clock.instant()));
        return accepted.size();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordDischargeReadyNotice(UUID eventId, UUID encounterId, String pseudonym, Instant declaredAt) {
        jdbc.sql("INSERT INTO discharge_ready_notice (event_id, encounter_id, patient_pseudonym, declared_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(eventId, encounterId, pseudonym, Timestamp.from(declaredAt)).update();
    }

    private List<HandoverCase> casesOfEncounter(String pseudonym, UUID encounterId, String statusCondition) {
        return jdbc.sql("SELECT " + HandoverCaseRows.COLUMNS + """
                         FROM handover_case c
                        WHERE patient_pseudonym = ? AND reason = 'DISCHARGE_READY'
                          AND (causation_id IN (SELECT event_id FROM discharge_ready_notice WHERE encounter_id = ?)
                               OR NOT EXISTS (SELECT 1 FROM discharge_ready_notice n WHERE n.event_id = c.causation_id))""" + statusCondition
                        + " ORDER BY opened_at FOR UPDATE")
                .params(pseudonym, encounterId)
                .query(HandoverCaseRows.MAPPER).list();
    }

    private void cancel(HandoverCase kase, CancellationReason reason, UUID causationId, Instant now) {
        jdbc.sql("UPDATE handover_case SET status = 'CANCELLED', cancelled_at = ?, cancellation_reason = ?, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), reason.name(), Timestamp.from(now), kase.id()).update();
        history(kase.id(), kase.status(), HandoverStatus.CANCELLED, "cancel", null, null, reason.name(), now);
        events.publish(EventTypes.HANDOVER_CANCELLED, kase.patientPseudonym(), new HandoverCancelled(kase.id(), kase.requirementId(),
                kase.patientPseudonym(), kase.municipality(), kase.reason(), reason, causationId, now));
        count(HandoverStatus.CANCELLED);
    }

    private void complete(HandoverCase kase, String userId, String municipality, Instant now) {
        jdbc.sql("UPDATE handover_case SET status = 'COMPLETED', completed_at = ?, completed_by = ?, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), userId, Timestamp.from(now), kase.id()).update();
        history(kase.id(), kase.status(), HandoverStatus.COMPLETED, "complete", userId, municipality,
                userId == null ? "patient discharged" : null, now);
        events.publish(EventTypes.HANDOVER_COMPLETED, kase.patientPseudonym(), new HandoverCompleted(kase.id(), kase.requirementId(),
                kase.patientPseudonym(), kase.municipality(), kase.reason(), userId, now));
        if (userId == null) {
            count(HandoverStatus.COMPLETED);
        }
    }

    /** Locks the case, then checks who asks (before anything about its state is revealed) and whether the move is allowed. */
    private HandoverCase lockForAnswer(UUID caseId, Actor actor, HandoverStatus target, String action) {
        HandoverCase kase = lock(caseId).orElseThrow(() -> new HandoverCaseNotFoundException(caseId));
        requireAddressed(kase, actor, action);
        if (!kase.status().nextByMunicipality().contains(target)) {
            throw new InvalidTransitionException(caseId, kase.status(), target, kase.status().nextByMunicipality());
        }
        return kase;
    }

    /** Only the addressed municipality, as its token's kommunenummer says, may see or answer a case; a refusal is logged. */
    private void requireAddressed(HandoverCase kase, Actor actor, String action) {
        if (!addressedTo(kase, actor)) {
            accessLog.refused(actor, RESOURCE, kase.id().toString(), kase.patientPseudonym(), action, actor.municipality() == null
                    ? "acting for no municipality, and not a pathway coordinator on the patient's care team; the case is addressed to "
                            + kase.municipality()
                    : "acting for " + actor.municipality() + "; the case is addressed to " + kase.municipality());
            throw new NotAddressedMunicipalityException(kase.id(), actor.municipality());
        }
        accessLog.granted(actor, RESOURCE, kase.id().toString(), kase.patientPseudonym(), action);
    }

    private static boolean addressedTo(HandoverCase kase, Actor actor) {
        return actor.municipality() != null && actor.municipality().equals(kase.municipality());
    }

    private Optional<HandoverCase> lock(UUID caseId) {
        return jdbc.sql("SELECT " + HandoverCaseRows.COLUMNS + " FROM handover_case WHERE id = ? FOR UPDATE").param(caseId)
                .query(HandoverCaseRows.MAPPER).optional();
    }

    private HandoverCase transitioned(UUID caseId, HandoverStatus status) {
        count(status);
        return lock(caseId).orElseThrow();
    }

    /**
     * {@code carerelay.handover.answered{municipality,reason,in_time}}: a case's first and only answer (accept or
     * reject, both possible only from REQUESTED or RECEIVED), and whether it came by the deadline. The share answered
     * in time per municipality is {@code in_time="true"} over all; labels are bounded (kommunenummer, reason).
     */
    private void answered(HandoverCase kase, Instant at) {
        meters.counter("carerelay.handover.answered", "municipality", kase.municipality(), "reason", kase.reason().name(),
                "in_time", String.valueOf(kase.dueAt() == null || !at.isAfter(kase.dueAt()))).increment();
    }

    private void count(HandoverStatus status) {
        meters.counter("carerelay.handover.transitions", "to", status.name()).increment();
    }

    void history(UUID caseId, HandoverStatus from, HandoverStatus to, String action, String actor, String actorMunicipality, String detail,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO handover_case_history (case_id, from_status, to_status, action, actor, actor_municipality, detail, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, from == null ? null : from.name(), to.name(), action, actor, actorMunicipality, detail, Timestamp.from(at))
                .update();
    }

    private Optional<DischargeReadyNotice> notice(UUID eventId) {
        return jdbc.sql("SELECT encounter_id, declared_at FROM discharge_ready_notice WHERE event_id = ?").param(eventId)
                .query((rs, row) -> new DischargeReadyNotice(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    private Optional<EncounterVoid> voidAfter(UUID encounterId, Instant declaredAt) {
        return jdbc.sql("SELECT kind, event_id FROM encounter_void WHERE encounter_id = ? AND at >= ? ORDER BY at LIMIT 1")
                .params(encounterId, Timestamp.from(declaredAt))
                .query((rs, row) -> new EncounterVoid(CancellationReason.valueOf(rs.getString(1)), rs.getObject(2, UUID.class)))
                .optional();
    }

    static String receivingService(HandoverReason reason) {
        // Discharge-ready notices go to the municipality's allocation office (saksbehandler, domain brief § 3);
        // the Pakkeforløp hjem contact points to its cancer coordinator.
        return reason == HandoverReason.DISCHARGE_READY ? "SAKSBEHANDLER" : "KREFTKOORDINATOR";
    }

    private record DischargeReadyNotice(UUID encounterId, Instant declaredAt) {
    }

    private record EncounterVoid(CancellationReason reason, UUID eventId) {
    }
}
