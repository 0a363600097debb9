package no.carerelay.notification.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.contracts.notification.DeliveryParked;
import no.carerelay.contracts.notification.DeliveryReplayed;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.notification.config.NotificationProperties;
import no.carerelay.notification.subscription.ContactPreference;
import no.carerelay.notification.subscription.ContactPreferences;

/**
 * E-mails and text messages to coordinators: the same state machine as the webhooks (PENDING -> IN_FLIGHT ->
 * DELIVERED, or RETRYING until the budget is spent, then PARKED until an operator replays it), one row per
 * preference and event so a redelivered event sends nothing twice. The message says which case and gives a link; the
 * patient appears only as the pseudonymous reference.
 */
@Service
public class ContactDeliveries {

    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Oslo"));

    private final JdbcClient jdbc;
    private final ContactPreferences preferences;
    private final EventPublisher events;
    private final DispatchTrigger trigger;
    private final String linkBase;

    ContactDeliveries(JdbcClient jdbc, ContactPreferences preferences, EventPublisher events, DispatchTrigger trigger,
            NotificationProperties properties) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.events = events;
        this.trigger = trigger;
        this.linkBase = properties.linkBaseUrl().replaceAll("/+$", "");
    }

    record ClaimedMessage(UUID id, UUID preferenceId, UUID eventId, String patientPseudonym, String municipality, String channel, String address,
            String subject, String body, int attempt) {

        @Override
        public String toString() {
            return "ClaimedMessage[id=" + id + ", channel=" + channel + ", attempt=" + attempt + "]";
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(EventEnvelope<HandoverOpened> event) {
        HandoverOpened opened = event.data();
        List<ContactPreference> recipients = preferences.recipients(event.type().name(), opened.municipality(),
                opened.requestedBy().organisationNumber());
        if (recipients.isEmpty()) {
            return;
        }
        String subject = "CareRelay: handover case for patient ref " + opened.patientPseudonym();
        String body = "A handover case (" + opened.reason() + ") for kommune " + opened.municipality() + ", patient ref "
                + opened.patientPseudonym() + ", awaits an answer by " + DEADLINE.format(opened.dueAt()) + ". Open it in CareRelay: "
                + linkBase + "/handover-cases/" + opened.caseId();
        for (ContactPreference recipient : recipients) {
            jdbc.sql("""
                            INSERT INTO contact_delivery (id, preference_id, event_id, event_type, patient_pseudonym, municipality, channel, subject,
                                                          body, status)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING') ON CONFLICT (preference_id, event_id) DO NOTHING""")
                    .params(UUID.randomUUID(), recipient.id(), event.id(), event.type().name(), opened.patientPseudonym(), opened.municipality(),
                            recipient.channel(), subject, body)
                    .update();
        }
        wakeAfterCommit();
    }

    @Transactional
    List<ClaimedMessage> claimDue(int limit) {
        return jdbc.sql("""
                        UPDATE contact_delivery d SET status = 'IN_FLIGHT', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ?)
                        FROM contact_preference p
                        WHERE d.preference_id = p.id AND d.id IN (
                            SELECT id FROM contact_delivery
                            WHERE (status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now()) OR (status = 'IN_FLIGHT' AND lease_until < now())
                            ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.preference_id, d.event_id, d.patient_pseudonym, d.municipality, d.channel, p.address, d.subject, d.body,
                                  d.attempts""")
                .params(WebhookDeliveries.LEASE.toSeconds(), limit)
                .query((rs, row) -> new ClaimedMessage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)))
                .list();
    }

    @Transactional
    void delivered(ClaimedMessage message, Duration latency) {
        jdbc.sql("""
                        UPDATE contact_delivery SET status = 'DELIVERED', last_error = NULL, delivered_at = now(), lease_until = NULL,
                               last_latency_ms = ? WHERE id = ?""")
                .params(latency.toMillis(), message.id()).update();
        publish(message, DeliveryOutcome.DELIVERED, latency);
    }

    @Transactional
    DeliveryOutcome failed(ClaimedMessage message, String error, Duration retryIn, boolean giveUp, Duration latency) {
        DeliveryOutcome outcome = giveUp ? DeliveryOutcome.PARKED : DeliveryOutcome.RETRYING;
        jdbc.sql("""
                        UPDATE contact_delivery SET status = ?, last_error = ?, lease_until = NULL, next_attempt_at = ?, last_latency_ms = ?,
                               parked_reason = ? WHERE id = ?""")
                .params(outcome.name(), error, Timestamp.from(Instant.now().plus(retryIn)), latency.toMillis(), giveUp ? error : null, message.id())
                .update();
        publish(message, outcome, latency);
        if (giveUp) {
            events.publish(EventTypes.DELIVERY_PARKED, message.patientPseudonym(), new DeliveryParked(message.id(), message.eventId(),
                    message.preferenceId(), message.patientPseudonym(), message.municipality(), message.channel(), message.attempt(), error,
                    Instant.now()));
        }
        return outcome;
    }

    /** Not sent: the channel's circuit is open. Hands the lease back without spending an attempt. */
    @Transactional
    void deferred(ClaimedMessage message, String reason, Duration retryIn) {
        jdbc.sql("""
                        UPDATE contact_delivery SET status = CASE WHEN attempts > 1 THEN 'RETRYING' ELSE 'PENDING' END, attempts = attempts - 1,
                               last_error = ?, lease_until = NULL, next_attempt_at = ? WHERE id = ? AND status = 'IN_FLIGHT'""")
                .params(reason, Timestamp.from(Instant.now().plus(retryIn)), message.id())
                .update();
    }

    /** @return empty when there is no such message; false when it is not parked */
    @Transactional
    public Optional<Boolean> replay(UUID id) {
        Optional<String[]> row = jdbc.sql("""
                        SELECT status, parked_reason, event_id, preference_id, patient_pseudonym, municipality, channel
                        FROM contact_delivery WHERE id = ? FOR UPDATE""")
                .param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)})
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String[] r = row.get();
        if (!"PARKED".equals(r[0])) {
            return Optional.of(false);
        }
        jdbc.sql("UPDATE contact_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), parked_reason = NULL, last_error = NULL WHERE id = ?")
                .param(id).update();
        events.publish(EventTypes.DELIVERY_REPLAYED, r[4], new DeliveryReplayed(id, UUID.fromString(r[2]), UUID.fromString(r[3]), r[4], r[5],
                r[6], r[1], Instant.now()));
        wakeAfterCommit();
        return Optional.of(true);
    }

    private void publish(ClaimedMessage message, DeliveryOutcome outcome, Duration latency) {
        events.publish(EventTypes.DELIVERY_ATTEMPTED, message.patientPseudonym(), new DeliveryAttempted(message.id(), message.eventId(),
                message.patientPseudonym(), message.municipality(), message.channel(), message.attempt(), outcome, null, latency.toMillis(),
                Instant.now()));
    }

    private void wakeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                trigger.wake();
            }
        });
    }
}
