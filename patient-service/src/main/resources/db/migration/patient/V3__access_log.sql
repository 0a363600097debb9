-- Who read patient data in patient-service, and who was refused (Normen: every access logged and reviewable).
-- Today that is the operators' ingest log (pseudonyms and outcomes) and every 401/403; hospitals' writes are
-- recorded by ingest_message and ingest_rejection themselves. Append-only: the triggers refuse any change.
CREATE TABLE access_log
(
    id                 BIGSERIAL PRIMARY KEY,
    at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    actor              TEXT,
    actor_roles        TEXT                     NOT NULL,
    actor_organisation TEXT,
    actor_municipality TEXT,
    patient_pseudonym  TEXT,
    resource           TEXT                     NOT NULL,
    action             TEXT                     NOT NULL,
    decision           TEXT                     NOT NULL,
    reason             TEXT                     NOT NULL
);
CREATE INDEX access_log_at_idx ON access_log (at);
CREATE INDEX access_log_patient_idx ON access_log (patient_pseudonym, at);

CREATE FUNCTION access_log_append_only() RETURNS trigger AS
$$
BEGIN
    RAISE EXCEPTION 'access_log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
