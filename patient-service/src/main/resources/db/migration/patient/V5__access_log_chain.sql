-- The access log becomes tamper-evident (issue 9: every access stored append-only with a hash chain), as
-- collaboration-service's and trajectory-service's are: each new entry carries the hash of the one before it and
-- its own hash over every field (SHA-256, computed by AccessLog with the access-chain module), and a one-row head
-- records the last entry and the count, so a changed, removed, reordered or truncated entry breaks the chain
-- (AccessLogVerifier). Entries written before this migration stay outside the chain (hash NULL). The table was
-- append-only already (V3).
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
