-- Issue 3: the whole encounter lifecycle, the patient's GP and death, and rejected messages in the ingest log.
ALTER TABLE patient
    ADD COLUMN gp_org_number TEXT,
    ADD COLUMN gp_her_id     TEXT,
    ADD COLUMN gp_name       TEXT,
    ADD COLUMN deceased_at   TIMESTAMP WITH TIME ZONE;

ALTER TABLE encounter
    ADD COLUMN patient_class TEXT,
    ADD COLUMN admitted_at   TIMESTAMP WITH TIME ZONE,
    ADD COLUMN discharged_at TIMESTAMP WITH TIME ZONE,
    ADD COLUMN disposition   TEXT;

-- Messages refused, and why; never the national ID or anything else from the message body.
CREATE TABLE ingest_rejection
(
    id           UUID PRIMARY KEY,
    channel      TEXT                     NOT NULL,
    message_type TEXT,
    sender       TEXT,
    control_id   TEXT,
    reason       TEXT                     NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX ingest_rejection_received_idx ON ingest_rejection (received_at);

-- A08 (update patient information) changes the registry, not a stay, and may publish no encounter event.
ALTER TABLE ingest_message
    ALTER COLUMN encounter_id DROP NOT NULL,
    ALTER COLUMN event_id DROP NOT NULL;

-- One message may apply several commands (a FHIR resource that opens a stay and declares it discharge-ready):
-- idempotency_key stays unique per command, message_key finds the message again.
ALTER TABLE ingest_message ADD COLUMN message_key TEXT;
UPDATE ingest_message SET message_key = idempotency_key;
ALTER TABLE ingest_message ALTER COLUMN message_key SET NOT NULL;
CREATE INDEX ingest_message_message_key_idx ON ingest_message (channel, message_key);
