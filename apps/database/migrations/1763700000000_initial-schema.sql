-- Up Migration

-- Vietnamese names sort with the ICU Vietnamese collation ("Đ" after "D", tones ignored first).
CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-VN');

-- The body that issues plans: a provincial People's Committee, a Department of Home Affairs, a commune.
CREATE TABLE issuers (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
  name        text COLLATE vi NOT NULL CHECK (name <> ''),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Units are data of a plan (kinds and levels change with the law), scoped by issuer.
CREATE TABLE units (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issuer_id   text NOT NULL REFERENCES issuers(id),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9_]+$'),
  name        text COLLATE vi NOT NULL CHECK (name <> ''),
  kind        text NOT NULL,
  parent_id   bigint REFERENCES units(id),
  email       text,
  head_name   text COLLATE vi,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer_id, code)
);
CREATE INDEX units_parent_idx ON units(parent_id);

CREATE TABLE plans (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issuer_id   text NOT NULL REFERENCES issuers(id),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
  title       text COLLATE vi NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer_id, code)
);

-- Each amendment is a new version; source and compiled IR are kept verbatim for audit and replay.
CREATE TABLE plan_versions (
  plan_id       uuid NOT NULL REFERENCES plans(id),
  version       integer NOT NULL CHECK (version >= 1),
  source        text NOT NULL,
  ir            jsonb NOT NULL,
  ir_hash       text NOT NULL,
  author        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  PRIMARY KEY (plan_id, version),
  UNIQUE (plan_id, ir_hash)
);

-- Projection of the assignment workflows (one unit's instance of one task occurrence).
-- The id is the workflow id, stable across amendments.
CREATE TABLE assignments (
  id                text PRIMARY KEY,
  plan_id           uuid REFERENCES plans(id),
  plan_version      integer,
  task_id           text NOT NULL,
  occurrence        text NOT NULL DEFAULT '',
  unit_id           bigint NOT NULL REFERENCES units(id),
  title             text COLLATE vi NOT NULL,
  area              text,
  due_at            timestamptz,
  status            text NOT NULL DEFAULT 'assigned'
                    CHECK (status IN ('assigned', 'acknowledged', 'in_progress', 'done', 'cancelled')),
  progress_percent  integer NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
  acknowledged_at   timestamptz,
  completed_at      timestamptz,
  escalation_level  integer NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  last_event_at     timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions(plan_id, version),
  UNIQUE (plan_id, task_id, unit_id, occurrence)
);
CREATE INDEX assignments_unit_status_idx ON assignments(unit_id, status, due_at);
CREATE INDEX assignments_plan_idx ON assignments(plan_id, status);

-- Append-only audit log. The id is chosen by the writer (workflow id + step), so a retried
-- activity inserts nothing new.
CREATE TABLE events (
  id             text PRIMARY KEY,
  seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  assignment_id  text REFERENCES assignments(id),
  plan_id        uuid REFERENCES plans(id),
  type           text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_.]*$'),
  actor          text NOT NULL DEFAULT 'system',
  request_id     text,
  occurred_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  payload        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_assignment_idx ON events(assignment_id, occurred_at);
CREATE INDEX events_plan_idx ON events(plan_id, occurred_at);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- Notifications to send; the key makes enqueueing idempotent (a retried activity never sends twice).
CREATE TABLE outbox (
  key            text PRIMARY KEY,
  kind           text NOT NULL,
  recipient      text NOT NULL,
  assignment_id  text REFERENCES assignments(id),
  payload        jsonb NOT NULL DEFAULT '{}'::jsonb,
  due_at         timestamptz NOT NULL DEFAULT now(),
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text
);
CREATE INDEX outbox_pending_idx ON outbox(due_at) WHERE sent_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TRIGGER events_no_update_delete ON events;
DROP FUNCTION events_append_only();
DROP TABLE events;
DROP TABLE assignments;
DROP TABLE plan_versions;
DROP TABLE plans;
DROP TABLE units;
DROP TABLE issuers;
DROP COLLATION vi;
