-- Up Migration

-- The language people read their mail in: a user's own choice (the web app's VI/EN switch, PUT /api/me/preferences)
-- and a unit's, for its mailbox. Vietnamese unless English is asked for.
ALTER TABLE users
  ADD COLUMN lang text NOT NULL DEFAULT 'vi' CONSTRAINT users_lang_check CHECK (lang IN ('vi', 'en'));
ALTER TABLE units
  ADD COLUMN lang text NOT NULL DEFAULT 'vi' CONSTRAINT units_lang_check CHECK (lang IN ('vi', 'en'));

-- Down Migration
ALTER TABLE units DROP COLUMN lang;
ALTER TABLE users DROP COLUMN lang;
