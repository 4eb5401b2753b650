-- 0003: the audit team's records (R4.2–R4.5, R5, R6, Annexes 2 and 3) and the journal's anchors (spec §7).

-- The system's own audit log (稽核日誌), downloaded monthly. Subjects are never stored in clear:
-- a keyed hash (HMAC-SHA-256, per-office key in a 0600 file beside the database) and a mask.
CREATE TABLE system_queries (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id),
  queried_at TEXT NOT NULL,
  account TEXT NOT NULL,            -- the system account, as the roster's login
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  subject_hmac TEXT NOT NULL,
  subject_masked TEXT NOT NULL,     -- A12****789
  fields TEXT NOT NULL DEFAULT '',  -- the fields viewed, ';'-separated
  client_ip TEXT,
  UNIQUE (account, queried_at, item, subject_hmac)
);
CREATE INDEX system_queries_by_time ON system_queries (queried_at);

-- Annex 2: the auditor's judgement per item, and the sign-offs.
CREATE TABLE audit_records (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 4),
  result TEXT NOT NULL CHECK (result IN ('conform', 'nonconform')),
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE (month, item)
);

CREATE TABLE audit_signoffs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('auditor', 'chief', 'secretary', 'director')),
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  UNIQUE (month, role)
);

-- R4.2: unannounced audits, drawn in advance and shown only to auditors, then conducted.
CREATE TABLE audit_plans (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  planned_on TEXT NOT NULL,
  drawn_at TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  UNIQUE (year, planned_on)
);

CREATE TABLE audits_conducted (
  id INTEGER PRIMARY KEY,
  conducted_on TEXT NOT NULL,
  team TEXT NOT NULL,               -- logins, comma-separated
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

-- R5, R6
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  kind TEXT NOT NULL CHECK (kind IN ('violation', 'pdpa-breach')),
  description TEXT NOT NULL,
  action TEXT CHECK (action IN ('suspend', 'terminate')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

CREATE TABLE incident_referrals (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  referred_to TEXT NOT NULL CHECK (referred_to IN ('head', 'ethics', 'judiciary')),
  referred_on TEXT NOT NULL,
  ref TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

-- spec §7: checkpoints of the journal, optionally signed (Ed25519) with a key kept outside.
CREATE TABLE signing_keys (
  id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,  -- raw 32-byte Ed25519 public key, hex
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,             -- the journal record sealed
  hash TEXT NOT NULL,               -- its hash
  sealed_at TEXT NOT NULL,
  sealed_by TEXT NOT NULL,
  key_id INTEGER REFERENCES signing_keys (id),
  signature TEXT                    -- Ed25519 over "imcomply-checkpoint-1:SEQ:HASH:SEALED_AT", hex
);
