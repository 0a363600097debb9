-- The cross-sector negotiation: one case per handover requirement, in FHIR Task terms.
CREATE TABLE handover_case
(
    id                  UUID PRIMARY KEY,
    requirement_id      UUID                     NOT NULL UNIQUE,
    patient_pseudonym   TEXT                     NOT NULL,
    municipality        TEXT                     NOT NULL,
    reason              TEXT                     NOT NULL,
    needed              TEXT                     NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by_org    TEXT                     NOT NULL,
    requested_by_her_id TEXT,
    requested_by_name   TEXT,
    status              TEXT                     NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX handover_case_inbox_idx ON handover_case (municipality, status, due_at);
