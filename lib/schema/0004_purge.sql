-- 0004: retention and destruction (R3.7, R4.1): legal holds and the destruction records that prove
-- each purge. Destruction records hold no personal data: kinds, counts, dates, the journal hash.

CREATE TABLE holds (
  id INTEGER PRIMARY KEY,
  login TEXT REFERENCES users (login),  -- a person's records, or
  from_on TEXT,                         -- a period of login days (inclusive)
  to_on TEXT,
  reason TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  released_at TEXT,
  released_by TEXT,
  CHECK ((login IS NOT NULL) <> (from_on IS NOT NULL AND to_on IS NOT NULL))
);

CREATE TABLE destruction_records (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,             -- random, one per purge run
  rule TEXT NOT NULL,               -- the rule applied, e.g. "R4.1 log_retention_years=5"
  cutoff TEXT NOT NULL,             -- entries from this day or earlier were due
  kind TEXT NOT NULL,               -- usage_entries | system_queries | obtained_data | files | paper
  count INTEGER NOT NULL,
  first_day TEXT,                   -- the date range of what went
  last_day TEXT,
  held INTEGER NOT NULL DEFAULT 0,  -- due, but kept under a legal hold
  journal_hash TEXT NOT NULL,       -- the journal's head before the run ("SEQ:HASH")
  method TEXT NOT NULL,
  operator TEXT NOT NULL,
  done_at TEXT NOT NULL,
  UNIQUE (run_id, kind)
);

-- spec §7: where purge cut the journal. Records up to `seq` were removed (they held the digests of
-- purged rows); the first record kept follows `hash`, so verify starts the chain there.
CREATE TABLE purge_cuts (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,             -- the last record removed
  hash TEXT NOT NULL,               -- its hash
  run_id TEXT NOT NULL,
  cut_at TEXT NOT NULL
);

-- A row's journal records, for verify and for the purge cut.
CREATE INDEX journal_by_row ON journal (entity, entity_id, seq);
