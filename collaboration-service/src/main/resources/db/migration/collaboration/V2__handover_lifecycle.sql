-- The whole FHIR-Task-like lifecycle of a handover case: who did what and when, escalation, and the links that let
-- a withdrawn discharge-ready notice find the cases it caused.

-- The municipality's receiving service: discharge-ready notices go to the allocation office (saksbehandler),
-- Pakkeforløp hjem contact points to the cancer coordinator.
ALTER TABLE handover_case ADD COLUMN receiving_service TEXT;
UPDATE handover_case SET receiving_service = CASE reason WHEN 'DISCHARGE_READY' THEN 'SAKSBEHANDLER' ELSE 'KREFTKOORDINATOR' END;
ALTER TABLE handover_case ALTER COLUMN receiving_service SET NOT NULL;

ALTER TABLE handover_case ADD COLUMN causation_id UUID;
-- the calendar day (Europe/Oslo) the patient was declared discharge-ready; the payment obligation counts from it
ALTER TABLE handover_case ADD COLUMN declared_on DATE;
ALTER TABLE handover_case ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_case ADD COLUMN received_by TEXT;
ALTER TABLE handover_case ADD COLUMN accepted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_case ADD COLUMN accepted_by TEXT;
ALTER TABLE handover_case ADD COLUMN planned_start DATE;
ALTER TABLE handover_case ADD COLUMN rejected_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_case ADD COLUMN rejected_by TEXT;
ALTER TABLE handover_case ADD COLUMN rejection_reason TEXT;
ALTER TABLE handover_case ADD COLUMN proposed_date DATE;
ALTER TABLE handover_case ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_case ADD COLUMN cancellation_reason TEXT;
ALTER TABLE handover_case ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE handover_case ADD COLUMN completed_by TEXT;
-- set once, in the same transaction as the HandoverEscalated outbox record: never escalated twice
ALTER TABLE handover_case ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;

-- the escalation scan: open, not yet escalated, by deadline
CREATE INDEX handover_case_escalation_idx ON handover_case (due_at) WHERE escalated_at IS NULL AND status IN ('REQUESTED', 'RECEIVED');
CREATE INDEX handover_case_patient_idx ON handover_case (patient_pseudonym);

-- Every change of a case: the audit trail an integrator and the hospital can read back.
CREATE TABLE handover_case_history
(
    id            BIGSERIAL PRIMARY KEY,
    case_id       UUID                     NOT NULL REFERENCES handover_case (id),
    from_status   TEXT,
    to_status     TEXT                     NOT NULL,
    action        TEXT                     NOT NULL,
    actor         TEXT,
    actor_municipality TEXT,
    detail        TEXT,
    at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX handover_case_history_case_idx ON handover_case_history (case_id, id);

-- DischargeReadyDeclared event id -> stay: HandoverRequired.causationId names the declaration, while the
-- withdrawal and the cancellation name the stay.
CREATE TABLE discharge_ready_notice
(
    event_id          UUID PRIMARY KEY,
    encounter_id      UUID                     NOT NULL,
    patient_pseudonym TEXT                     NOT NULL,
    declared_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX discharge_ready_notice_encounter_idx ON discharge_ready_notice (encounter_id);

-- Withdrawals and cancelled admissions as facts: the HandoverRequired they void may still be on its way (it comes
-- over another topic), so a case opened later for a voided notice is cancelled at once.
CREATE TABLE encounter_void
(
    encounter_id UUID                     NOT NULL,
    kind         TEXT                     NOT NULL,
    event_id     UUID                     NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (encounter_id, event_id)
);

-- Access decisions worth keeping (Normen fact sheet 15): every refused attempt, with who, from where and why.
CREATE TABLE access_log
(
    id                 BIGSERIAL PRIMARY KEY,
    at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    actor              TEXT                     NOT NULL,
    actor_municipality TEXT,
    resource_type      TEXT                     NOT NULL,
    resource_id        TEXT                     NOT NULL,
    action             TEXT                     NOT NULL,
    decision           TEXT                     NOT NULL,
    reason             TEXT                     NOT NULL
);
CREATE INDEX access_log_at_idx ON access_log (at);
