-- Up Migration

-- The projection follows the assignment workflow: when it becomes active, whether it is overdue, how it ended.
ALTER TABLE assignments
  ADD COLUMN kind            text NOT NULL DEFAULT 'deadline' CHECK (kind IN ('deadline', 'ongoing')),
  ADD COLUMN starts_at       timestamptz,
  ADD COLUMN due_date        date,
  ADD COLUMN active          boolean NOT NULL DEFAULT false,
  ADD COLUMN overdue         boolean NOT NULL DEFAULT false,
  ADD COLUMN completed_late  boolean;
CREATE INDEX assignments_plan_due_idx ON assignments(plan_id, due_at);

-- Who a notification is for, readable without opening the payload; kinds are the engine's.
ALTER TABLE outbox
  ADD COLUMN recipient_name   text COLLATE vi,
  ADD COLUMN recipient_email  text;
CREATE INDEX outbox_assignment_idx ON outbox(assignment_id, due_at);

-- Digests as sent: one row per recipient and cadence instant (the key is the digest workflow's).
CREATE TABLE digests (
  key         text PRIMARY KEY,
  plan_code   text NOT NULL,
  recipient   text NOT NULL,
  due_at      timestamptz NOT NULL,
  content     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX digests_recipient_idx ON digests(plan_code, recipient, due_at);

-- Report runs: one row per plan report and period, written at the cut-off.
CREATE TABLE report_runs (
  key          text PRIMARY KEY,
  plan_id      uuid NOT NULL REFERENCES plans(id),
  report_id    text NOT NULL,
  period       text NOT NULL,
  cut_off_at   timestamptz NOT NULL,
  content      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_runs_plan_idx ON report_runs(plan_id, report_id, cut_off_at);

-- Down Migration
DROP TABLE report_runs;
DROP TABLE digests;
DROP INDEX outbox_assignment_idx;
ALTER TABLE outbox DROP COLUMN recipient_email, DROP COLUMN recipient_name;
DROP INDEX assignments_plan_due_idx;
ALTER TABLE assignments
  DROP COLUMN completed_late, DROP COLUMN overdue, DROP COLUMN active, DROP COLUMN due_date,
  DROP COLUMN starts_at, DROP COLUMN kind;
