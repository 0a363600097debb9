-- A municipality's webhook endpoints. The secret signs every delivery (Standard Webhooks); it is shown once.
CREATE TABLE webhook_subscription
(
    id           UUID PRIMARY KEY,
    municipality TEXT                     NOT NULL,
    url          TEXT                     NOT NULL,
    secret       TEXT                     NOT NULL,
    event_types  TEXT[]                   NOT NULL,
    active       BOOLEAN                  NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscription_municipality_idx ON webhook_subscription (municipality) WHERE active;

-- One row per (subscription, event): the delivery's id is the webhook-id the receiver deduplicates on.
CREATE TABLE webhook_delivery
(
    id                UUID PRIMARY KEY,
    seq               BIGSERIAL                NOT NULL,
    subscription_id   UUID                     NOT NULL REFERENCES webhook_subscription (id),
    event_id          UUID                     NOT NULL,
    event_type        TEXT                     NOT NULL,
    patient_pseudonym TEXT                     NOT NULL,
    municipality      TEXT                     NOT NULL,
    payload           TEXT                     NOT NULL,
    status            TEXT                     NOT NULL,
    attempts          INT                      NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    lease_until       TIMESTAMP WITH TIME ZONE,
    last_status_code  INT,
    last_error        TEXT,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    delivered_at      TIMESTAMP WITH TIME ZONE,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at, seq) WHERE status IN ('PENDING', 'RETRYING', 'IN_FLIGHT');
