-- Up Migration

-- Every file of a published version, so that the plan can be opened for amendment as it was published: the entry
-- file's name and a map of relative path → text (includes, extended templates, calendars). Versions stored before
-- have them in `source` (one text, or the JSON of both), which the repository still reads.
-- `start_on` is the day tracking started when the publisher chose one other than the header's publication date
-- ("bắt đầu theo dõi từ"); an amendment compiles with the same day so that an unchanged plan changes nothing.
ALTER TABLE plan_versions
  ADD COLUMN entry text,
  ADD COLUMN files jsonb CHECK (files IS NULL OR jsonb_typeof(files) = 'object'),
  ADD COLUMN start_on date,
  ADD CONSTRAINT plan_versions_entry_in_files CHECK (files IS NULL OR (entry IS NOT NULL AND files ? entry));

-- Down Migration
ALTER TABLE plan_versions
  DROP CONSTRAINT plan_versions_entry_in_files,
  DROP COLUMN start_on,
  DROP COLUMN files,
  DROP COLUMN entry;
