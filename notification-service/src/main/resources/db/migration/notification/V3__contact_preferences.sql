-- Coordinators' contact preferences: the municipal cancer coordinator (by kommunenummer) and the hospital's pathway
-- coordinator (by the hospital's organisation number), per channel and event type. The address is staff contact
-- data: shown to operators through the API, never logged or put on the bus.
CREATE TABLE contact_preference
(
    id                  UUID PRIMARY KEY,
    role                TEXT                     NOT NULL,
    municipality        TEXT,
    organisation_number TEXT,
    channel             TEXT                     NOT NULL,
    address             TEXT                     NOT NULL,
    event_types         TEXT[]                   NOT NULL,
    active              BOOLEAN                  NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CHECK (municipality IS NOT NULL OR organisation_number IS NOT NULL)
);
CREATE INDEX contact_preference_municipality_idx ON contact_preference (municipality) WHERE active;
CREATE INDEX contact_preference_organisation_idx ON contact_preference (organisation_number) WHERE active;

-- One row per (preference, event): a redelivered event never sends a second e-mail or SMS. The message is rendered
-- when the event arrives and carries a pseudonymous reference and a link, never a national ID number or a name.
CREATE TABLE contact_delivery
(
    id                UUID PRIMARY KEY,
    seq               BIGSERIAL                NOT NULL,
    preference_id     UUID                     NOT NULL REFERENCES contact_preference (id),
    event_id          UUID                     NOT NULL,
    event_type        TEXT                     NOT NULL,
    patient_pseudonym TEXT                     NOT NULL,
    municipality      TEXT                     NOT NULL,
    channel           TEXT                     NOT NULL,
    subject           TEXT                     NOT NULL,
    body              TEXT                     NOT NULL,
    status            TEXT                     NOT NULL,
    attempts          INT                      NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    lease_until       TIMESTAMP WITH TIME ZONE,
    last_error        TEXT,
    parked_reason     TEXT,
    last_latency_ms   BIGINT,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    delivered_at      TIMESTAMP WITH TIME ZONE,
    UNIQUE (preference_id, event_id)
);
CREATE INDEX contact_delivery_due_idx ON contact_delivery (next_attempt_at, seq) WHERE status IN ('PENDING', 'RETRYING', 'IN_FLIGHT');
