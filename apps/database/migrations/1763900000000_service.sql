-- Up Migration

-- People who sign in. A user acts through roles; a role on a unit covers that unit and the units under it.
CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issuer_id      text NOT NULL REFERENCES issuers(id),
  login          text NOT NULL CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),
  display_name   text COLLATE vi NOT NULL CHECK (display_name <> ''),
  email          text,
  -- The person of the plans' organisation data this user is (digests are addressed to people).
  person_code    text CHECK (person_code ~ '^[a-z0-9_]+$'),
  password_hash  text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (login)
);

-- admin and home_affairs act for the whole issuer (unit_id NULL); unit_member, chairperson and viewer for a unit.
CREATE TABLE user_roles (
  user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role     text NOT NULL CHECK (role IN ('admin', 'home_affairs', 'unit_member', 'chairperson', 'viewer')),
  unit_id  bigint REFERENCES units(id),
  CHECK ((role IN ('admin', 'home_affairs')) = (unit_id IS NULL) OR role = 'viewer'),
  UNIQUE NULLS NOT DISTINCT (user_id, role, unit_id)
);
CREATE INDEX user_roles_unit_idx ON user_roles(unit_id);

-- A signed-in session; the token names it, so signing out or disabling a user revokes it at once.
CREATE TABLE sessions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  ip          text,
  user_agent  text,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

-- Who did what outside the assignment event log (sign-in, publish, amendment, indicator entry, feed rotation).
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]*$'),
  target      text,
  request_id  text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log(at);
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- Who published which version.
ALTER TABLE plan_versions ADD COLUMN published_by uuid REFERENCES users(id);

-- Extension requests as the assignment workflow recorded them (projection of its events).
CREATE TABLE extension_requests (
  id              text PRIMARY KEY,
  assignment_id   text NOT NULL REFERENCES assignments(id),
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  current_due_at  timestamptz,
  new_due_date    date NOT NULL,
  reason          text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
  decided_by      text,
  decided_at      timestamptz,
  decision_note   text,
  CHECK ((status = 'pending') = (decided_at IS NULL) OR status = 'withdrawn')
);
CREATE INDEX extension_requests_assignment_idx ON extension_requests(assignment_id, requested_at);
CREATE UNIQUE INDEX extension_requests_one_pending_idx ON extension_requests(assignment_id) WHERE status = 'pending';

-- Indicator values entered by units: one current value per plan, indicator, unit and period; every entry is
-- also in the audit log.
CREATE TABLE indicator_values (
  plan_id       uuid NOT NULL REFERENCES plans(id),
  indicator_id  text NOT NULL,
  unit_id       bigint NOT NULL REFERENCES units(id),
  period        text NOT NULL CHECK (period ~ '^\d{4}(-(\d{2}|Q[1-4]|H[12]))?$'),
  value         numeric NOT NULL,
  note          text,
  entered_by    uuid NOT NULL REFERENCES users(id),
  entered_at    timestamptz NOT NULL DEFAULT now(),
  request_id    text,
  PRIMARY KEY (plan_id, indicator_id, unit_id, period)
);

-- Report runs are immutable once issued: corrections are new runs, never edits.
ALTER TABLE report_runs
  ADD COLUMN as_of timestamptz,
  ADD COLUMN issued_by text NOT NULL DEFAULT 'schedule';
UPDATE report_runs SET as_of = cut_off_at;
ALTER TABLE report_runs ALTER COLUMN as_of SET NOT NULL;
CREATE TRIGGER report_runs_no_update_delete BEFORE UPDATE OR DELETE ON report_runs
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- Delivery of the outbox: claimed with SKIP LOCKED, retried with backoff, each attempt recorded.
ALTER TABLE outbox
  ADD COLUMN status           text NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
  ADD COLUMN next_attempt_at  timestamptz,
  ADD COLUMN claimed_until    timestamptz;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_deliverable_idx ON outbox(coalesce(next_attempt_at, due_at)) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_recipient_idx ON outbox(recipient, due_at);

CREATE TABLE deliveries (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_key  text NOT NULL REFERENCES outbox(key),
  attempt     integer NOT NULL CHECK (attempt >= 1),
  at          timestamptz NOT NULL DEFAULT now(),
  status      text NOT NULL CHECK (status IN ('sent', 'failed', 'skipped')),
  message_id  text,
  error       text,
  UNIQUE (outbox_key, attempt)
);

-- One-click acknowledge links: signed tokens whose id is spent on first use.
CREATE TABLE one_click_tokens (
  id             text PRIMARY KEY,
  assignment_id  text NOT NULL REFERENCES assignments(id),
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- The secret part of each unit's iCal feed URL; rotating it revokes the old URL.
CREATE TABLE unit_feeds (
  unit_id     bigint PRIMARY KEY REFERENCES units(id),
  secret      text NOT NULL UNIQUE CHECK (length(secret) >= 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE unit_feeds;
DROP TABLE one_click_tokens;
DROP TABLE deliveries;
DROP INDEX outbox_recipient_idx;
DROP INDEX outbox_deliverable_idx;
ALTER TABLE outbox DROP COLUMN claimed_until, DROP COLUMN next_attempt_at, DROP COLUMN status;
DROP TRIGGER report_runs_no_update_delete ON report_runs;
ALTER TABLE report_runs DROP COLUMN issued_by, DROP COLUMN as_of;
DROP TABLE indicator_values;
DROP TABLE extension_requests;
ALTER TABLE plan_versions DROP COLUMN published_by;
DROP TRIGGER audit_log_no_update_delete ON audit_log;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
