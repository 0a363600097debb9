package no.carerelay.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.HandoverOpened;
import no.carerelay.contracts.notification.DeliveryAttempted;
import no.carerelay.contracts.notification.DeliveryOutcome;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.notification.subscription.WebhookSubscription;
import no.carerelay.notification.subscription.WebhookSubscriptions;

/**
 * The delivery log and its state machine: PENDING -> IN_FLIGHT -> DELIVERED, or RETRYING until the retry budget is
 * spent, then PARKED. A lease makes an attempt interrupted by a crash come round again; the receiver sees the same
 * webhook-id and can deduplicate.
 */
@Service
public class WebhookDeliveries {

    static final Duration LEASE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final WebhookSubscriptions subscriptions;
    private final EventPublisher events;
    private final EventCodec codec;
    private final DispatchTrigger trigger;

    WebhookDeliveries(JdbcClient jdbc, WebhookSubscriptions subscriptions, EventPublisher events, EventCodec codec, DispatchTrigger trigger) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.events = events;
        this.codec = codec;
        this.trigger = trigger;
    }

    /** One delivery per subscriber of the event's municipality, in the consumer's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(EventEnvelope<HandoverOpened> event) {
        HandoverOpened opened = event.data();
        List<WebhookSubscription> subscribers = subscriptions.subscribers(opened.municipality(), event.type().name());
        if (subscribers.isEmpty()) {
            return;
        }
        String payload = new String(codec.writeData(new WebhookPayload(event.type().name(), event.time(), opened)), StandardCharsets.UTF_8);
        for (WebhookSubscription subscriber : subscribers) {
            jdbc.sql("""
                            INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, patient_pseudonym, municipality, payload, status)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING') ON CONFLICT (subscription_id, event_id) DO NOTHING""")
                    .params(UUID.randomUUID(), subscriber.id(), event.id(), event.type().name(), opened.patientPseudonym(),
                            opened.municipality(), payload)
                    .update();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                trigger.wake();
            }
        });
    }

    /** Leases up to {@code limit} due deliveries, oldest first. */
    @Transactional
    public List<ClaimedDelivery> claimDue(int limit) {
        return jdbc.sql("""
                        UPDATE webhook_delivery d SET status = 'IN_FLIGHT', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ?)
                        FROM webhook_subscription s
                        WHERE d.subscription_id = s.id AND d.id IN (
                            SELECT id FROM webhook_delivery
                            WHERE (status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now())
                               OR (status = 'IN_FLIGHT' AND lease_until < now())
                            ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.event_id, d.event_type, d.patient_pseudonym, d.municipality, s.url, s.secret, d.payload, d.attempts, d.seq""")
                .params(LEASE.toSeconds(), limit)
                .query((rs, row) -> new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)))
                .list();
    }

    @Transactional
    public void delivered(ClaimedDelivery delivery, int status, Duration latency) {
        jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED', last_status_code = ?, last_error = NULL, delivered_at = now(), lease_until = NULL WHERE id = ?")
                .params(status, delivery.id()).update();
        publish(delivery, DeliveryOutcome.DELIVERED, status, latency);
    }

    /** @param status the receiver's status, or null when no response came */
    @Transactional
    public DeliveryOutcome failed(ClaimedDelivery delivery, Integer status, String error, Duration retryIn, boolean giveUp, Duration latency) {
        DeliveryOutcome outcome = giveUp ? DeliveryOutcome.PARKED : DeliveryOutcome.RETRYING;
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = ?, last_status_code = ?, last_error = ?, lease_until = NULL,
                               next_attempt_at = ? WHERE id = ?""")
                .params(outcome.name(), status, error, Timestamp.from(Instant.now().plus(retryIn)), delivery.id())
                .update();
        publish(delivery, outcome, status, latency);
        return outcome;
    }

    private void publish(ClaimedDelivery delivery, DeliveryOutcome outcome, Integer status, Duration latency) {
        events.publish(EventTypes.DELIVERY_ATTEMPTED, delivery.patientPseudonym(), new DeliveryAttempted(delivery.id(), delivery.eventId(),
                delivery.patientPseudonym(), delivery.municipality(), "WEBHOOK", delivery.attempt(), outcome, status, latency.toMillis(),
                Instant.now()));
    }
}
