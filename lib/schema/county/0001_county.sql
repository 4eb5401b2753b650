-- county 0001: a county's own database (spec §9), never an office's: its staff and their roles,
-- the offices it supervises, and what each office file it collected showed. No personal data:
-- counts, dates, staff logins and findings only (no subject, no purpose, no query). The journal
-- is the office's hash chain (spec §7), table for table.

CREATE TABLE county (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The county's own roster: who may collect and record (admin, supervisor), as which OS user.
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  os_user TEXT NOT NULL UNIQUE,
  added_at TEXT NOT NULL
);

CREATE TABLE staff_roles (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES staff (login),
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor')),
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  UNIQUE (login, role)
);

-- The offices the county supervises, by the code each office's own database names (acct init --office).
CREATE TABLE offices (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
);

-- One row per file collected (its SHA-256 once: the same file twice adds nothing).
-- outcome: verified (its journal verified and extends the last head witnessed for the office),
-- witness (verified, but it does not extend that head: a rollback, a rewrite, another file),
-- unverified (the office's own verify found problems), unregistered (an office the county does
-- not supervise), not-office (not an office's imcomply database), unreadable (corrupt, unopenable).
CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,          -- the file's name as given, for the clerk
  size INTEGER NOT NULL,
  collected_at TEXT NOT NULL,
  collected_by TEXT NOT NULL,
  outcome TEXT NOT NULL
    CHECK (outcome IN ('verified', 'witness', 'unverified', 'unregistered', 'not-office', 'unreadable')),
  reason TEXT,                      -- one line: why it is not verified; NULL when verified
  office_code TEXT,                 -- as the file names it; NULL when it could not be read
  office_name TEXT,
  head_seq INTEGER,                 -- the journal head the file showed
  head_hash TEXT,
  previous_seq INTEGER,             -- the head witnessed before (outcome witness: the one not extended)
  previous_hash TEXT,
  as_of TEXT,                       -- the time of the file's newest journal record
  schema_version INTEGER            -- the office schema the file was written with
);
CREATE INDEX collections_by_office ON collections (office_code, id);

-- What a verified file showed, as `county status` lists it (counted at collection, as of then).
CREATE TABLE collection_counts (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL UNIQUE REFERENCES collections (id),
  overdue_terminations INTEGER NOT NULL,
  late_terminations INTEGER NOT NULL,  -- this calendar year
  county_waiting INTEGER NOT NULL,     -- applications waiting at the county's stage (R3.2)
  county_waiting_since TEXT,           -- the oldest of them, since the head's approval
  review_period TEXT,                  -- the latest half-year review (2026H2), if any
  review_closed INTEGER,               -- 1 closed, 0 open, NULL none
  missed_reviews TEXT NOT NULL,        -- past half-years without a closed review, comma-separated
  audits_year INTEGER NOT NULL,        -- the calendar year of the count below
  audits_done INTEGER NOT NULL,        -- unannounced audits conducted that year (R4.2)
  audits_required INTEGER NOT NULL,
  data_overdue INTEGER NOT NULL,       -- obtained data past its destroy-by day, not destroyed
  open_incidents INTEGER NOT NULL      -- incidents not yet referred
);

-- Each month's Annex 2 as the file showed it: items recorded (of 4), sign-offs in force (of 4).
CREATE TABLE collection_months (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections (id),
  month TEXT NOT NULL,
  items_recorded INTEGER NOT NULL,
  signoffs INTEGER NOT NULL,
  queries INTEGER NOT NULL,         -- counted as item 3 counts them (system log, else usage log)
  UNIQUE (collection_id, month)
);

-- Annex 3 answered at collection by the evaluators `audit supervision` uses, for each year the
-- file covers: `county supervision` prints these, so the county keeps no copy of the file.
CREATE TABLE collection_answers (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections (id),
  year INTEGER NOT NULL,
  item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 6),
  title TEXT NOT NULL,
  yes INTEGER NOT NULL CHECK (yes IN (0, 1)),
  evidence TEXT NOT NULL,           -- one line each, joined by newlines
  audit_date TEXT NOT NULL,
  UNIQUE (collection_id, year, item)
);

-- Problems a file showed (verify's lines, the witness finding), one row each.
CREATE TABLE collection_findings (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections (id),
  kind TEXT NOT NULL CHECK (kind IN ('verify', 'witness', 'file')),
  detail TEXT NOT NULL
);

-- spec §7: the same hash chain as an office's.
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  digest TEXT,
  salt TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  format INTEGER NOT NULL DEFAULT 1,  -- as the office's journal after its migration 0010
  day TEXT
);
