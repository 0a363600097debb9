-- One trajectory per patient and pathway run: from the pathway-start code (suffix A) to treatment start or end.
CREATE TABLE trajectory
(
    id                  UUID PRIMARY KEY,
    patient_pseudonym   TEXT                     NOT NULL,
    pathway             TEXT                     NOT NULL,
    definition_version  DATE                     NOT NULL, -- validFrom of the pathway version in force on start_date
    status              TEXT                     NOT NULL, -- REFERRED, INVESTIGATING, DECIDED, TREATMENT_STARTED, ENDED
    start_date          DATE                     NOT NULL,
    -- NPR attributes a pathway to the trust that started it, also when it is treated elsewhere
    start_hospital_org  TEXT                     NOT NULL,
    hospital_org        TEXT                     NOT NULL,
    hospital_her_id     TEXT,
    hospital_name       TEXT,
    municipality        TEXT                     NOT NULL,
    first_visit_date    DATE,
    decision_code       TEXT,
    decision_date       DATE,
    planned_treatment   TEXT,
    treatment_code      TEXT,
    treatment_date      DATE,
    of4_days            INT,     -- referral -> treatment start, calendar days
    of4_standard_days   INT,     -- the standard for that treatment; null when the pathway sets none (FL/FO/FI)
    within_standard     BOOLEAN, -- null until a treatment with a standard has started
    diagnosis_date      DATE,    -- Pakkeforløp hjem starts here (the CK decision)
    sp1_date            DATE,
    sp2_date            DATE,
    sp3_date            DATE,
    end_code            TEXT,
    end_date            DATE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
-- At most one trajectory per patient and pathway is still running towards treatment.
CREATE UNIQUE INDEX trajectory_one_running_idx ON trajectory (patient_pseudonym, pathway)
    WHERE status IN ('REFERRED', 'INVESTIGATING', 'DECIDED');
CREATE INDEX trajectory_patient_idx ON trajectory (patient_pseudonym);
CREATE INDEX trajectory_compliance_idx ON trajectory (pathway, start_hospital_org) WHERE within_standard IS NOT NULL;

-- Every registered pathway event and milestone, applied or not, in the order it arrived: the timeline.
CREATE TABLE milestone
(
    id                UUID PRIMARY KEY,
    trajectory_id     UUID REFERENCES trajectory (id),
    patient_pseudonym TEXT                     NOT NULL,
    code              TEXT                     NOT NULL, -- NPR code (A12CK), SP1/SP2/SP3, or RESPONSIBILITY_MOVED
    event_date        DATE                     NOT NULL,
    hospital_org      TEXT,
    source            TEXT                     NOT NULL, -- KAFKA, API, HANDOVER
    source_event_id   UUID,
    outcome           TEXT                     NOT NULL, -- APPLIED or IGNORED
    note              TEXT,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX milestone_trajectory_idx ON milestone (trajectory_id);
CREATE INDEX milestone_patient_idx ON milestone (patient_pseudonym);

-- One row per interval that is due at some point: OF1-OF4 lead times and the Pakkeforløp hjem SP2/SP3 windows.
-- Each timed action has its own *_fired_at column, set in the same transaction that stores the event in the
-- outbox, so a restart neither loses nor repeats one. next_fire_at is the earliest unfired action: the scanner
-- reads only rows whose next_fire_at has come, through the partial index.
CREATE TABLE deadline
(
    id                  UUID PRIMARY KEY,
    trajectory_id       UUID                     NOT NULL REFERENCES trajectory (id),
    patient_pseudonym   TEXT                     NOT NULL,
    pathway             TEXT                     NOT NULL,
    lead_interval       TEXT                     NOT NULL, -- OF1..OF4, SP2, SP3
    treatment           TEXT,
    awaiting            TEXT                     NOT NULL,
    standard_days       INT,
    from_date           DATE                     NOT NULL,
    due_date            DATE                     NOT NULL, -- last calendar day within the standard
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL, -- 00:00 Europe/Oslo after due_date
    warn_at             TIMESTAMP WITH TIME ZONE,          -- DeadlineApproaching
    handover_at         TIMESTAMP WITH TIME ZONE,          -- HandoverRequired (SP2_DUE/SP3_DUE when the window opens)
    warn_fired_at       TIMESTAMP WITH TIME ZONE,
    handover_fired_at   TIMESTAMP WITH TIME ZONE,
    breach_fired_at     TIMESTAMP WITH TIME ZONE,
    warn_suppressed     BOOLEAN                  NOT NULL DEFAULT false, -- found only after the deadline had passed
    next_fire_at        TIMESTAMP WITH TIME ZONE,
    status              TEXT                     NOT NULL, -- OPEN, MET, MET_LATE, CANCELLED
    closed_date         DATE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX deadline_next_fire_idx ON deadline (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE INDEX deadline_trajectory_idx ON deadline (trajectory_id);
CREATE INDEX deadline_patient_idx ON deadline (patient_pseudonym);

-- Handover requirements may belong to a trajectory (SP1_COMPLETED, SP2_DUE, SP3_DUE) and are answered by the
-- municipality through collaboration-service: HandoverAccepted records that responsibility moved.
ALTER TABLE handover_requirement ADD COLUMN trajectory_id UUID REFERENCES trajectory (id);
ALTER TABLE handover_requirement ADD COLUMN accepted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_requirement ADD COLUMN accepted_case_id UUID;
ALTER TABLE handover_requirement ADD COLUMN accepted_by TEXT;
ALTER TABLE handover_requirement ADD COLUMN planned_start DATE;
