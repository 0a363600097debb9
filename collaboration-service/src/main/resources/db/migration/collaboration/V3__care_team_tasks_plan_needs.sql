-- The care around a patient across sectors: who is on the team, what must be done by whom, the individual plan,
-- and the needs assessments of Pakkeforløp hjem.

CREATE TABLE care_team_member
(
    id                  UUID PRIMARY KEY,
    patient_pseudonym   TEXT                     NOT NULL,
    role                TEXT                     NOT NULL,
    sector              TEXT                     NOT NULL,
    user_id             TEXT,
    organisation_number TEXT                     NOT NULL,
    her_id              TEXT,
    organisation_name   TEXT,
    municipality        TEXT,
    added_by            TEXT                     NOT NULL,
    added_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX care_team_patient_idx ON care_team_member (patient_pseudonym) WHERE ended_at IS NULL;
CREATE INDEX care_team_user_idx ON care_team_member (user_id) WHERE ended_at IS NULL;
-- one active entry per person (or organisation, when no person is named) and role
CREATE UNIQUE INDEX care_team_active_uq ON care_team_member (patient_pseudonym, role, organisation_number, COALESCE(user_id, ''))
    WHERE ended_at IS NULL;

CREATE TABLE task
(
    id                  UUID PRIMARY KEY,
    patient_pseudonym   TEXT                     NOT NULL,
    municipality        TEXT,
    title               TEXT                     NOT NULL,
    description         TEXT,
    owner_type          TEXT                     NOT NULL,
    owner               TEXT                     NOT NULL,
    priority            TEXT                     NOT NULL,
    status              TEXT                     NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    source              TEXT                     NOT NULL,
    source_id           UUID,
    created_by          TEXT                     NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_by        TEXT,
    completed_at        TIMESTAMP WITH TIME ZONE,
    -- set once with the TaskOverdue outbox record: one event per task
    overdue_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX task_patient_idx ON task (patient_pseudonym);
CREATE INDEX task_overdue_scan_idx ON task (due_at) WHERE overdue_at IS NULL AND status IN ('OPEN', 'IN_PROGRESS');

-- Individual plan (hol § 7-1, sphl § 2-5): goals and agreed measures with who is responsible. Edited as one
-- document; version guards against two coordinators overwriting each other.
CREATE TABLE individual_plan
(
    patient_pseudonym TEXT PRIMARY KEY,
    lead_sector       TEXT                     NOT NULL,
    goals             JSONB                    NOT NULL,
    measures          JSONB                    NOT NULL,
    version           INTEGER                  NOT NULL,
    updated_by        TEXT                     NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE needs_assessment
(
    id                UUID PRIMARY KEY,
    patient_pseudonym TEXT                     NOT NULL,
    instrument        TEXT                     NOT NULL,
    contact_point     TEXT,
    scores            JSONB                    NOT NULL,
    problems          JSONB                    NOT NULL,
    exceeded          JSONB                    NOT NULL,
    assessed_by       TEXT                     NOT NULL,
    assessed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX needs_assessment_patient_idx ON needs_assessment (patient_pseudonym, assessed_at);
