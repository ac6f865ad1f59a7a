-- The instances of a fleet, as their heartbeats say: each brings its row up to date at every check
-- and removes it when it stops; a row not seen for a while is an instance that died.
CREATE TABLE nb_instances (
  id         VARCHAR(100)  NOT NULL PRIMARY KEY,
  providers  VARCHAR(2000) NOT NULL,
  started_at BIGINT        NOT NULL,
  seen_at    BIGINT        NOT NULL,
  CONSTRAINT nb_instances_seen_after_start CHECK (seen_at >= started_at)
);
CREATE INDEX nb_instances_seen ON nb_instances (seen_at);
