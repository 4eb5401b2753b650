-- 0001: the office, the roster and the account lifecycle (R3.1–R3.6, R4.4), and the journal (spec §7).
-- Dates are ISO 'YYYY-MM-DD' and times ISO 'YYYY-MM-DDTHH:MM:SS+08:00', Taiwan time, so that text
-- order is time order and the stock sqlite3 shell reads them as they are.

CREATE TABLE office (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  title TEXT,
  unit TEXT,
  -- none: on the roster without an account; pending: application under way
  status TEXT NOT NULL DEFAULT 'none'
    CHECK (status IN ('none', 'pending', 'active', 'suspended', 'terminated')),
  items TEXT NOT NULL DEFAULT '',   -- granted query items, comma-separated (entry-exit,mainland,foreigner)
  deputy TEXT REFERENCES users (login),
  active_since TEXT,                -- date the Agency approved the account
  added_at TEXT NOT NULL
);

CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  role TEXT NOT NULL CHECK (role IN ('admin', 'auditor', 'head', 'secretary', 'chief', 'officer')),
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  UNIQUE (login, role)
);

-- R3.2: applicant, head of office, county Civil Affairs Department, Agency; each stage dated.
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  items TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('applied', 'head', 'county', 'agency')),
  applied_on TEXT NOT NULL,
  applied_by TEXT NOT NULL,
  head_on TEXT,
  head_by TEXT,
  county_on TEXT,
  county_by TEXT,
  agency_on TEXT,
  agency_by TEXT,
  agency_ref TEXT
);

-- R3.4: a duty change opens a termination deadline.
CREATE TABLE duty_changes (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  kind TEXT NOT NULL CHECK (kind IN ('reassignment', 'transfer', 'suspension', 'resignation', 'retirement')),
  effective_on TEXT NOT NULL,
  deadline_on TEXT NOT NULL,        -- last day to terminate, under the counting in force when recorded
  counting TEXT NOT NULL,           -- calendar | admin-procedure
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  termination_id INTEGER REFERENCES terminations (id)
);

CREATE TABLE terminations (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  reason TEXT NOT NULL CHECK (reason IN ('duty-change', 'cert-lost', 'violation', 'review', 'request')),
  terminated_on TEXT NOT NULL,
  deadline_on TEXT,                 -- of the duty change it answers, if any
  late_days INTEGER NOT NULL DEFAULT 0,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

-- R3.6: a lost citizen certificate; the Agency must be told at once.
CREATE TABLE cert_losses (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  lost_at TEXT NOT NULL,
  notified_at TEXT,
  ref TEXT,
  termination_id INTEGER NOT NULL REFERENCES terminations (id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

-- R5
CREATE TABLE suspensions (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  reason TEXT NOT NULL,
  suspended_at TEXT NOT NULL,
  suspended_by TEXT NOT NULL,
  reinstated_at TEXT,
  reinstated_by TEXT
);

-- R3.5: the office's registration for the audit and account-management functions.
CREATE TABLE agency_registrations (
  id INTEGER PRIMARY KEY,
  registered_by TEXT NOT NULL REFERENCES users (login),
  functions TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  approved_on TEXT,
  recorded_by TEXT NOT NULL
);

-- R4.4: the semiannual permission review.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL UNIQUE,      -- 2026H2
  started_on TEXT NOT NULL,
  started_by TEXT NOT NULL,
  closed_on TEXT,
  closed_by TEXT
);

CREATE TABLE review_decisions (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  login TEXT NOT NULL REFERENCES users (login),
  decision TEXT NOT NULL CHECK (decision IN ('keep', 'revoke')),
  note TEXT,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  UNIQUE (review_id, login)
);

-- What `acct show` prints as a person's timeline.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users (login),
  happened TEXT NOT NULL,           -- the event's own date or time
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL
);
CREATE INDEX events_by_login ON events (login, happened, id);

-- spec §7: the hash chain. No personal data: a changed row enters as a salted digest.
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
  hash TEXT NOT NULL
);
