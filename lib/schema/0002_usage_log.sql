-- 0002: the usage log (R3.3, R4.1, Annex 1), imports, data obtained (R3.7), sheet sign-offs and
-- handovers (R3.1).

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'system')),
  file_name TEXT NOT NULL,
  digest TEXT NOT NULL,             -- SHA-256 of the file's bytes: the same file twice adds nothing
  encoding TEXT NOT NULL,
  rows INTEGER NOT NULL,
  added INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (kind, digest)
);

CREATE TABLE usage_entries (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  purpose TEXT NOT NULL CHECK (purpose <> ''),
  basis TEXT,                       -- 法令依據
  case_ref TEXT,                    -- 案號
  login_at TEXT NOT NULL,
  logout_at TEXT,                   -- NULL while the session is open
  import_id INTEGER REFERENCES imports (id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE (login, item, login_at)    -- the natural key: a row imported twice is the same row
);
CREATE INDEX usage_entries_by_time ON usage_entries (login_at);

CREATE TABLE obtained_data (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES usage_entries (id),
  description TEXT NOT NULL CHECK (description <> ''),
  archive_no TEXT,                  -- filed with a case (隨文附卷): kept under the Archives Act
  destroy_by TEXT,                  -- unfiled: destroyed by the end of this day
  file_path TEXT,                   -- an electronic copy that purge overwrites and unlinks
  destroyed_at TEXT,
  destroyed_by TEXT,
  destruction_method TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  CHECK ((archive_no IS NULL) <> (destroy_by IS NULL))
);

CREATE TABLE sheet_signoffs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,              -- 2026-11
  role TEXT NOT NULL CHECK (role IN ('officer', 'secretary', 'director')),
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,                  -- the journal head the signer saw
  UNIQUE (month, role)
);

CREATE TABLE handovers (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  to_login TEXT NOT NULL REFERENCES users (login),
  handed_on TEXT NOT NULL,
  entries INTEGER NOT NULL,
  data_items INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
