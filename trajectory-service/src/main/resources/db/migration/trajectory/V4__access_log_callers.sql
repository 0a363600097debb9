-- Callers now authenticate with a bearer token (issue 9): the actor is the token's sub, its municipality the
-- kommunenummer claim, and its roles are kept beside them. Requests the service refused are logged too (Normen: denied
-- attempts are as reviewable as reads), with the request and the reason; one that named no patient has no pseudonym.
ALTER TABLE access_log ADD COLUMN actor_roles TEXT;
ALTER TABLE access_log ADD COLUMN request TEXT;
ALTER TABLE access_log ADD COLUMN reason TEXT;
ALTER TABLE access_log ALTER COLUMN patient_pseudonym DROP NOT NULL;
