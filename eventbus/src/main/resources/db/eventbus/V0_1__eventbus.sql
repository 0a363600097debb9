-- Shipped by the eventbus module into every service's database (Flyway location classpath:db/eventbus).
-- Versions below 1 so each service's own migrations (V1...) always come after.

-- Spring Modulith 2.0 event publication registry: the transactional outbox.
CREATE TABLE event_publication
(
  id                     UUID NOT NULL PRIMARY KEY,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- The inbox: one row per (consumer, CloudEvent id), written in the same transaction as the effect.
CREATE TABLE processed_event
(
  consumer     TEXT                     NOT NULL,
  event_id     UUID                     NOT NULL,
  event_type   TEXT                     NOT NULL,
  processed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
