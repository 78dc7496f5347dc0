-- Up Migration

-- Coordinating units (đơn vị phối hợp): each one's part of an assignment, projected from the assignment's events
-- (listed with the plan, so a coordinating unit sees the task in its inbox before anyone acts).
CREATE TABLE assignment_coordinators (
  assignment_id    text NOT NULL REFERENCES assignments(id),
  unit_id          bigint NOT NULL REFERENCES units(id),
  position         integer NOT NULL DEFAULT 0,
  acknowledged_at  timestamptz,
  reported_at      timestamptz,
  contributions    integer NOT NULL DEFAULT 0 CHECK (contributions >= 0),
  PRIMARY KEY (assignment_id, unit_id)
);
CREATE INDEX assignment_coordinators_unit_idx ON assignment_coordinators(unit_id, assignment_id);

-- The officer (chuyên viên) of the lead unit the work is given to, by login, as the workflow last recorded it.
ALTER TABLE assignments ADD COLUMN officer_login text;
CREATE INDEX assignments_officer_idx ON assignments(officer_login, due_at) WHERE officer_login IS NOT NULL;

-- People inside a unit: its head (trưởng đơn vị) manages its officers; an officer (chuyên viên) does the work
-- given to them.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
  CHECK (role IN ('admin', 'home_affairs', 'unit_member', 'chairperson', 'viewer', 'unit_head', 'officer'));

-- One-time invitations by e-mail: only the token's hash is kept; accepting spends it.
CREATE TABLE invitations (
  id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  user_id      uuid NOT NULL REFERENCES users(id),
  unit_id      bigint NOT NULL REFERENCES units(id),
  invited_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  revoked_at   timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX invitations_user_idx ON invitations(user_id);

-- Down Migration
DROP TABLE invitations;
DELETE FROM user_roles WHERE role IN ('unit_head', 'officer');
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
  CHECK (role IN ('admin', 'home_affairs', 'unit_member', 'chairperson', 'viewer'));
DROP INDEX assignments_officer_idx;
ALTER TABLE assignments DROP COLUMN officer_login;
DROP TABLE assignment_coordinators;
