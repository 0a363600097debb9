-- The access log becomes tamper-evident and append-only, as collaboration-service's is (issue 9: every access
-- stored append-only with a hash chain). Each new entry carries the hash of the one before it and its own hash over
-- every field (SHA-256, computed by AccessLog with the access-chain module), and a one-row head records the last
-- entry and the count, so a changed, removed, reordered or truncated entry breaks the chain (AccessLogVerifier).
-- Entries written before this migration stay outside the chain (hash NULL). The token's organisation is now
-- recorded too (who: user, roles, organisation).
ALTER TABLE access_log ADD COLUMN actor_organisation TEXT;
ALTER TABLE access_log ADD COLUMN prev_hash TEXT;
ALTER TABLE access_log ADD COLUMN hash TEXT;

CREATE TABLE access_log_head
(
    id        INT PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT,
    last_hash TEXT   NOT NULL,
    entries   BIGINT NOT NULL
);
INSERT INTO access_log_head (id, last_id, last_hash, entries)
VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Append-only for the application: no UPDATE, DELETE or TRUNCATE. Whoever can switch the trigger off can also
-- change rows; the chain is what shows it.
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
