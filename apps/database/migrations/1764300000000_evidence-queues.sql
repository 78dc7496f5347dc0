-- Up Migration

-- Search that ignores diacritics ("bao cao" finds "Báo cáo", "đ" matches "d"): unaccent folds the letters,
-- pg_trgm indexes the folded text so that a substring search uses an index. Both ship with PostgreSQL's contrib
-- (and with the embedded server of development and tests).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (it reads its dictionary); with the dictionary named it never changes for a given
-- input, which lets a generated column and an index use it.
CREATE FUNCTION dondoc_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, normalize(t, NFC))) $$;

-- What people wrote on an assignment (acknowledgement and progress notes, evidence notes, reasons), kept beside
-- the title for the Home Affairs search; appended from the engine's own events by a trigger, so the workflows
-- and their activities need not know about search.
ALTER TABLE assignments ADD COLUMN notes text;
ALTER TABLE assignments
  ADD COLUMN search_text text GENERATED ALWAYS AS (dondoc_fold(title || ' ' || coalesce(notes, ''))) STORED;
CREATE INDEX assignments_search_trgm_idx ON assignments USING gin (search_text gin_trgm_ops);
CREATE INDEX assignments_plan_unit_due_idx ON assignments(plan_id, unit_id, due_at);

CREATE FUNCTION assignments_collect_notes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  said text := concat_ws(' ', NEW.payload->>'note', NEW.payload->'evidence'->>'note',
                         NEW.payload->'evidence'->>'documentNumber', NEW.payload->>'reason');
BEGIN
  IF NEW.assignment_id IS NOT NULL AND said <> '' THEN
    UPDATE assignments SET notes = concat_ws(E'\n', notes, left(said, 4000)) WHERE id = NEW.assignment_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER events_collect_notes AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION assignments_collect_notes();
-- Notes already written before this migration.
UPDATE assignments a SET notes = n.notes
FROM (SELECT assignment_id, string_agg(said, E'\n' ORDER BY seq) AS notes
      FROM (SELECT assignment_id, seq,
                   concat_ws(' ', payload->>'note', payload->'evidence'->>'note',
                             payload->'evidence'->>'documentNumber', payload->>'reason') AS said
            FROM events WHERE assignment_id IS NOT NULL) e
      WHERE said <> '' GROUP BY assignment_id) n
WHERE a.id = n.assignment_id;

-- Files attached to an assignment as evidence. The bytes live in PostgreSQL in chunks of at most 256 KiB
-- (docs/files.md): written while the upload streams in, read back one chunk at a time, removed with the file.
CREATE TABLE files (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id  text NOT NULL REFERENCES assignments(id),
  name           text COLLATE vi NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  content_type   text NOT NULL,
  size           bigint NOT NULL CHECK (size > 0),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage        text NOT NULL DEFAULT 'postgres',
  uploaded_by    text NOT NULL,
  uploaded_at    timestamptz NOT NULL DEFAULT now(),
  request_key    text,
  UNIQUE (uploaded_by, request_key)
);
CREATE INDEX files_assignment_idx ON files(assignment_id, uploaded_at);
CREATE TABLE file_chunks (
  -- Checked at commit: the chunks stream in before the file row (its size and hash are known only then).
  file_id  uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  seq      integer NOT NULL CHECK (seq >= 0),
  data     bytea NOT NULL,
  PRIMARY KEY (file_id, seq)
);
-- The chunks are already compressed formats (PDF, images, zip-based office files): no second compression.
ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The comment thread of an assignment; a unit named with "@" is notified through the outbox.
CREATE TABLE assignment_comments (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id  text NOT NULL REFERENCES assignments(id),
  author         text NOT NULL,
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  mentions       bigint[] NOT NULL DEFAULT '{}',
  request_key    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (author, request_key)
);
CREATE INDEX assignment_comments_assignment_idx ON assignment_comments(assignment_id, created_at);

-- A user's saved views of the Home Affairs queue (filters, search and order), by name.
CREATE TABLE saved_filters (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        text COLLATE vi NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  query       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);

-- Down Migration
DROP TABLE saved_filters;
DROP TABLE assignment_comments;
DROP TABLE file_chunks;
DROP TABLE files;
DROP TRIGGER events_collect_notes ON events;
DROP FUNCTION assignments_collect_notes();
DROP INDEX assignments_plan_unit_due_idx;
DROP INDEX assignments_search_trgm_idx;
ALTER TABLE assignments DROP COLUMN search_text, DROP COLUMN notes;
DROP FUNCTION dondoc_fold(text);
