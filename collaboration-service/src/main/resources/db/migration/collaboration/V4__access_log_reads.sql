-- Every read or change of patient data is logged, not only refusals (Normen: every access logged and reviewable;
-- a patient may see who looked). The patient column makes "who looked at this patient" one indexed query.
ALTER TABLE access_log ADD COLUMN patient_pseudonym TEXT;
CREATE INDEX access_log_patient_idx ON access_log (patient_pseudonym, at);
