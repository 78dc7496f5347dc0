-- Up Migration

-- A step of the engine the database refused for good (a data exception, a constraint violation): the workflow
-- records it here instead of retrying forever, the Home Affairs office sees it (page, metric, mail) and repairs it:
-- the step is written again once the cause is fixed ('retried'), or the office closes it ('dismissed').
CREATE TABLE incidents (
  id             text PRIMARY KEY,              -- the failed step's event id
  issuer_id      text NOT NULL REFERENCES issuers(id),
  plan_id        uuid REFERENCES plans(id),
  assignment_id  text REFERENCES assignments(id),
  unit_code      text NOT NULL,
  step_type      text NOT NULL,
  actor          text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  sqlstate       text,
  reason         text NOT NULL,
  failures       integer NOT NULL DEFAULT 1 CHECK (failures >= 1),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  raised_at      timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz,
  resolved_by    text,
  resolution     text CHECK (resolution IN ('retried', 'dismissed')),
  note           text
);
CREATE INDEX incidents_issuer_idx ON incidents (issuer_id, status, raised_at DESC);

-- Down Migration
DROP TABLE incidents;
