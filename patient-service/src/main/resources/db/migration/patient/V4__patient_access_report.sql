-- The other services' access-log entries that name a patient (PatientDataAccessed on collaboration.access.v1 and
-- trajectory.access.v1), kept here so the patient can see who looked (Normen) without patient-service asking the
-- other services at read time. Written by the consumers only, in the transaction that marks the event processed.
-- access_id is the producer's id of the log entry: a re-publication under a new CloudEvent id is stored once.
CREATE TABLE patient_access_report
(
    id                 BIGSERIAL PRIMARY KEY,
    access_id          UUID                     NOT NULL UNIQUE,
    event_id           UUID                     NOT NULL,
    pseudonym          TEXT                     NOT NULL,
    accessed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    service            TEXT                     NOT NULL,
    actor              TEXT,
    actor_roles        TEXT[]                   NOT NULL,
    actor_organisation TEXT,
    actor_municipality TEXT,
    resource           TEXT                     NOT NULL,
    action             TEXT                     NOT NULL,
    decision           TEXT                     NOT NULL CHECK (decision IN ('GRANTED', 'DENIED')),
    reason             TEXT,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
CREATE INDEX patient_access_report_pseudonym_idx ON patient_access_report (pseudonym, accessed_at DESC);

-- An audit record like access_log: append-only.
CREATE FUNCTION patient_access_report_append_only() RETURNS trigger AS
$$
BEGIN
    RAISE EXCEPTION 'patient_access_report is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER patient_access_report_no_update_or_delete BEFORE UPDATE OR DELETE ON patient_access_report
    FOR EACH ROW EXECUTE FUNCTION patient_access_report_append_only();
CREATE TRIGGER patient_access_report_no_truncate BEFORE TRUNCATE ON patient_access_report
    FOR EACH STATEMENT EXECUTE FUNCTION patient_access_report_append_only();
