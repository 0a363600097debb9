package no.carerelay.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import no.carerelay.contracts.notification.DeliveryParked;
import no.carerelay.contracts.notification.DeliveryReplayed;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.notification.subscription.WebhookSubscription;
import no.carerelay.notification.subscription.WebhookSubscriptions;

/**
 * The delivery log and its state machine: PENDING -> IN_FLIGHT -> DELIVERED, or RETRYING until the retry budget is
 * spent, then PARKED (until an operator replays it: PENDING again). A lease makes an attempt interrupted by a crash come round again; the receiver sees the same
 * webhook-id and can deduplicate.
 */
@Service
public class WebhookDeliveries {

    static final Duration LEASE = Duration.ofSeconds(30);
    private static final String CHANNEL = "WEBHOOK";

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
        wakeAfterCommit();
    }

    /**
     * Leases up to {@code limit} due deliveries, oldest first. Only the head of each lane (subscription and patient) is
     * due: a later delivery waits while an earlier one for the same patient is still open, so a receiver that was down
     * gets each patient's events in order once it recovers. A parked delivery no longer holds up its lane. No endpoint
     * gets more than {@code perEndpoint} in flight (its bulkhead's size), so a backlog for one receiver does not take
     * the leases of the others.
     */
    @Transactional
    public List<ClaimedDelivery> claimDue(int limit, int perEndpoint) {
        return jdbc.sql("""
                        WITH heads AS (
                            SELECT c.id, c.subscription_id, c.seq,
                                   row_number() OVER (PARTITION BY c.subscription_id ORDER BY c.seq) AS place
                            FROM webhook_delivery c
                            WHERE ((c.status IN ('PENDING', 'RETRYING') AND c.next_attempt_at <= now())
                                   OR (c.status = 'IN_FLIGHT' AND c.lease_until < now()))
                              AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                              WHERE e.subscription_id = c.subscription_id AND e.patient_pseudonym = c.patient_pseudonym
                                                AND e.seq < c.seq AND e.status IN ('PENDING', 'RETRYING', 'IN_FLIGHT'))),
                        busy AS (
                            SELECT subscription_id, count(*) AS calls FROM webhook_delivery
                            WHERE status = 'IN_FLIGHT' AND lease_until >= now() GROUP BY subscription_id),
                        chosen AS (
                            SELECT h.id FROM heads h LEFT JOIN busy b ON b.subscription_id = h.subscription_id
                            WHERE h.place <= ? - coalesce(b.calls, 0)
                            ORDER BY h.seq LIMIT ?)
                        UPDATE webhook_delivery d SET status = 'IN_FLIGHT', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ?)
                        FROM webhook_subscription s
                        WHERE d.subscription_id = s.id
                          AND d.id IN (SELECT l.id FROM webhook_delivery l WHERE l.id IN (SELECT id FROM chosen) FOR UPDATE OF l SKIP LOCKED)
                        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.patient_pseudonym, d.municipality, s.url, s.secret,
                                  CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret END, d.payload, d.attempts, d.seq""")
                .params(perEndpoint, limit, LEASE.toSeconds())
                .query((rs, row) -> new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getInt(11)))
                .list();
    }

    @Transactional
    public void delivered(ClaimedDelivery delivery, int status, Duration latency) {
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = 'DELIVERED', last_status_code = ?, last_error = NULL, delivered_at = now(),
                               lease_until = NULL, last_latency_ms = ? WHERE id = ?""")
                .params(status, latency.toMillis(), delivery.id()).update();
        logAttempt(delivery, DeliveryOutcome.DELIVERED, status, null, latency);
        publish(delivery, DeliveryOutcome.DELIVERED, status, latency);
    }

    /**
     * @param status the receiver's status, or null when no response came
     * @param error  a reason chosen by this service (never the receiver's answer text)
     */
    @Transactional
    public DeliveryOutcome failed(ClaimedDelivery delivery, Integer status, String error, Duration retryIn, boolean giveUp, Duration latency) {
        DeliveryOutcome outcome = giveUp ? DeliveryOutcome.PARKED : DeliveryOutcome.RETRYING;
        String parkedReason = giveUp ? error : null;
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = ?, last_status_code = ?, last_error = ?, lease_until = NULL,
                               next_attempt_at = ?, last_latency_ms = ?, parked_reason = ? WHERE id = ?""")
                .params(outcome.name(), status, error, Timestamp.from(Instant.now().plus(retryIn)), latency.toMillis(), parkedReason, delivery.id())
                .update();
        logAttempt(delivery, outcome, status, error, latency);
        publish(delivery, outcome, status, latency);
        if (giveUp) {
            events.publish(EventTypes.DELIVERY_PARKED, delivery.patientPseudonym(), new DeliveryParked(delivery.id(), delivery.eventId(),
                    delivery.subscriptionId(), delivery.patientPseudonym(), delivery.municipality(), CHANNEL, delivery.attempt(), error,
                    Instant.now()));
        }
        return outcome;
    }

    /**
     * The attempt never left this service (the endpoint's circuit is open or its bulkhead full): hand the lease back
     * without spending the retry budget, and look again after {@code retryIn}.
     */
    @Transactional
    public void deferred(ClaimedDelivery delivery, String reason, Duration retryIn) {
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = CASE WHEN attempts > 1 THEN 'RETRYING' ELSE 'PENDING' END, attempts = attempts - 1,
                               last_error = ?, lease_until = NULL, next_attempt_at = ? WHERE id = ? AND status = 'IN_FLIGHT'""")
                .params(reason, Timestamp.from(Instant.now().plus(retryIn)), delivery.id())
                .update();
    }

    /**
     * An operator's replay: a parked delivery goes back in the queue with a fresh retry budget and the same id (the
     * receiver's webhook-id, so a receiver that did get it after all can still deduplicate).
     *
     * @return empty when there is no such delivery; false when it is not parked
     */
    @Transactional
    public Optional<Boolean> replay(UUID id) {
        Optional<String[]> parked = jdbc.sql("""
                        SELECT d.status, d.parked_reason, d.event_id, d.subscription_id, d.patient_pseudonym, d.municipality
                        FROM webhook_delivery d WHERE d.id = ? FOR UPDATE""")
                .param(id)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)})
                .optional();
        if (parked.isEmpty()) {
            return Optional.empty();
        }
        String[] row = parked.get();
        if (!"PARKED".equals(row[0])) {
            return Optional.of(false);
        }
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), parked_reason = NULL,
                               last_error = NULL WHERE id = ?""")
                .param(id).update();
        events.publish(EventTypes.DELIVERY_REPLAYED, row[4], new DeliveryReplayed(id, UUID.fromString(row[2]), UUID.fromString(row[3]), row[4],
                row[5], CHANNEL, row[1], Instant.now()));
        wakeAfterCommit();
        return Optional.of(true);
    }

    private void logAttempt(ClaimedDelivery delivery, DeliveryOutcome outcome, Integer status, String error, Duration latency) {
        jdbc.sql("INSERT INTO webhook_delivery_attempt (delivery_id, attempt, outcome, status_code, error, latency_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .params(delivery.id(), delivery.attempt(), outcome.name(), status, error, latency.toMillis())
                .update();
    }

    private void wakeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                trigger.wake();
            }
        });
    }

    private void publish(ClaimedDelivery delivery, DeliveryOutcome outcome, Integer status, Duration latency) {
        events.publish(EventTypes.DELIVERY_ATTEMPTED, delivery.patientPseudonym(), new DeliveryAttempted(delivery.id(), delivery.eventId(),
                delivery.patientPseudonym(), delivery.municipality(), CHANNEL, delivery.attempt(), outcome, status, latency.toMillis(),
                Instant.now()));
    }
}
