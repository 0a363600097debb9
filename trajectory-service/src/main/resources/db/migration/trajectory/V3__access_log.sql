-- Every read or change of a patient's pathway data through the API is logged (Normen: every access logged and
-- reviewable; a patient may see who looked). Until the API authenticates callers (issue 9), the user is what the
-- caller's system states in X-CareRelay-User, or "unidentified".
CREATE TABLE access_log
(
    id                 BIGSERIAL PRIMARY KEY,
    at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    actor              TEXT                     NOT NULL,
    actor_municipality TEXT,
    patient_pseudonym  TEXT                     NOT NULL,
    action             TEXT                     NOT NULL,
    outcome            TEXT                     NOT NULL
);
CREATE INDEX access_log_patient_idx ON access_log (patient_pseudonym, at);
