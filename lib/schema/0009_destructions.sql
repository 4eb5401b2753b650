-- 0009: one destruction record per purge run (and per confirmation), holding its counts per kind,
-- instead of one destruction_records row per kind per run (four rows a night, most of them 0).
-- A new table rather than new columns, so that the journal's digests of older rows still verify:
-- destruction_records keeps the rows written before, and purge history shows both.
CREATE TABLE destructions (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL UNIQUE,      -- random, one per purge run or purge confirm
  rule TEXT NOT NULL,               -- the rule applied, e.g. "R4.1 log_retention_years=5; R3.7"
  cutoff TEXT NOT NULL,             -- entries from this day or earlier were due
  journal_hash TEXT NOT NULL,       -- the journal's head before the run ("SEQ:HASH")
  method TEXT NOT NULL,             -- a run's: what it did; a confirmation's: the --method given
  witness TEXT,                     -- purge confirm --witness (a roster login)
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),  -- 1: purge confirm, by a person
  operator TEXT NOT NULL,
  done_at TEXT NOT NULL,
  -- Per kind: how many went, how many were due but kept under a legal hold, their days' range.
  usage_entries INTEGER NOT NULL DEFAULT 0,
  usage_entries_held INTEGER NOT NULL DEFAULT 0,
  usage_entries_first TEXT,
  usage_entries_last TEXT,
  system_queries INTEGER NOT NULL DEFAULT 0,
  system_queries_held INTEGER NOT NULL DEFAULT 0,
  system_queries_first TEXT,
  system_queries_last TEXT,
  obtained_data INTEGER NOT NULL DEFAULT 0,   -- removed with their entries
  files INTEGER NOT NULL DEFAULT 0,           -- registered files destroyed (days: destroy-by)
  files_first TEXT,
  files_last TEXT,
  paper INTEGER NOT NULL DEFAULT 0,           -- paper a person destroyed (purge confirm)
  paper_first TEXT,
  paper_last TEXT
);

-- Every count, one row per record and kind, old rows and new alike: for queries by kind.
CREATE VIEW destruction_counts (run_id, done_at, kind, count, held, first_day, last_day) AS
  SELECT run_id, done_at, kind, count, held, first_day, last_day FROM destruction_records
  UNION ALL SELECT run_id, done_at, 'usage_entries', usage_entries, usage_entries_held, usage_entries_first,
                   usage_entries_last FROM destructions WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'system_queries', system_queries, system_queries_held, system_queries_first,
                   system_queries_last FROM destructions WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'obtained_data', obtained_data, 0, NULL, NULL FROM destructions WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'files', files, 0, files_first, files_last FROM destructions
            WHERE confirmed = 0 OR files > 0
  UNION ALL SELECT run_id, done_at, 'paper', paper, 0, paper_first, paper_last FROM destructions WHERE paper > 0;
