-- Each decision that a municipality must take over or answer. One per causing event: a redelivered
-- encounter event cannot create a second requirement.
CREATE TABLE handover_requirement
(
    id                  UUID PRIMARY KEY,
    patient_pseudonym   TEXT                     NOT NULL,
    municipality        TEXT                     NOT NULL,
    reason              TEXT                     NOT NULL,
    needed              TEXT                     NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by_org    TEXT                     NOT NULL,
    requested_by_her_id TEXT,
    requested_by_name   TEXT,
    causation_id        UUID                     NOT NULL UNIQUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX handover_requirement_patient_idx ON handover_requirement (patient_pseudonym);
