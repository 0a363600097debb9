-- Secret rotation: the previous secret keeps signing (beside the new one) until it expires, so a receiver can
-- switch over without losing a webhook.
ALTER TABLE webhook_subscription ADD COLUMN previous_secret TEXT;
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_expires_at TIMESTAMP WITH TIME ZONE;

-- Why a delivery was parked, and the latency of its latest attempt, for the operator's log.
ALTER TABLE webhook_delivery ADD COLUMN parked_reason TEXT;
ALTER TABLE webhook_delivery ADD COLUMN last_latency_ms BIGINT;

-- Per-patient order: a delivery is sent only when no earlier one to the same subscription for the same patient is
-- still open. This index answers that question.
CREATE INDEX webhook_delivery_lane_idx ON webhook_delivery (subscription_id, patient_pseudonym, seq)
    WHERE status IN ('PENDING', 'RETRYING', 'IN_FLIGHT');

-- Every attempt (one round of up to a few quick in-memory retries), its outcome and latency. An operator's replay
-- starts the count again, so the attempt number alone does not identify a row.
CREATE TABLE webhook_delivery_attempt
(
    id           BIGSERIAL PRIMARY KEY,
    delivery_id  UUID                     NOT NULL REFERENCES webhook_delivery (id),
    attempt      INT                      NOT NULL,
    outcome      TEXT                     NOT NULL,
    status_code  INT,
    error        TEXT,
    latency_ms   BIGINT                   NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX webhook_delivery_attempt_delivery_idx ON webhook_delivery_attempt (delivery_id, id);
