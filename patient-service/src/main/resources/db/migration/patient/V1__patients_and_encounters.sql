-- The only place a national ID number exists: encrypted (AES-256-GCM) and looked up by a keyed hash (HMAC-SHA256),
-- so neither a database dump nor a log of queries reveals it.
CREATE TABLE patient
(
    pseudonym             TEXT PRIMARY KEY,
    national_id_lookup    BYTEA                    NOT NULL UNIQUE,
    national_id_encrypted BYTEA                    NOT NULL,
    id_kind               TEXT                     NOT NULL,
    municipality          TEXT                     NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE encounter
(
    id                      UUID PRIMARY KEY,
    patient_pseudonym       TEXT                     NOT NULL REFERENCES patient (pseudonym),
    hospital_org_number     TEXT                     NOT NULL,
    hospital_her_id         TEXT,
    visit_number            TEXT                     NOT NULL,
    status                  TEXT                     NOT NULL,
    discharge_ready_at      TIMESTAMP WITH TIME ZONE,
    expected_discharge_date DATE,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    UNIQUE (hospital_org_number, visit_number)
);

-- Every inbound message that was accepted, keyed for duplicate detection. Never holds the national ID.
CREATE TABLE ingest_message
(
    id                UUID PRIMARY KEY,
    channel           TEXT                     NOT NULL,
    idempotency_key   TEXT                     NOT NULL,
    message_type      TEXT                     NOT NULL,
    patient_pseudonym TEXT                     NOT NULL,
    encounter_id      UUID                     NOT NULL,
    event_id          UUID                     NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    UNIQUE (channel, idempotency_key)
);
