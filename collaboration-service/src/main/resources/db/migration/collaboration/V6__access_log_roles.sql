-- Callers now come from validated bearer tokens: the access log records, besides the user and the municipality
-- acted for, the token's roles and organisation, and it also records requests the filter chain refused (401/403),
-- where who it was may be unknown (no token, or one that failed validation).
--
-- New entries are hashed over the new columns too (hash version 2). Entries written before this migration keep
-- hash version 1 and are verified with the formula they were written with; DDL fires no row triggers, so adding
-- the columns changes no entry. The default stays 1 so an instance still running the previous version during a
-- rolling deploy keeps writing verifiable (version 1) entries.
ALTER TABLE access_log ADD COLUMN actor_roles TEXT;
ALTER TABLE access_log ADD COLUMN actor_organisation TEXT;
ALTER TABLE access_log ADD COLUMN hash_version SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE access_log ALTER COLUMN actor DROP NOT NULL;
