-- 0008: signed forms are frozen (spec §4). A change to the records a signed form covers (an Annex 1
-- month's usage entries and their data, an Annex 2 month's audit records) is made only with
-- --after-signing --reason, and is recorded here; the form shows 簽核後異動 until it is signed again.
-- New tables rather than new columns, so that the journal's digests of older rows still verify.
CREATE TABLE signed_form_changes (
  id INTEGER PRIMARY KEY,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,              -- 2026-11
  action TEXT NOT NULL,             -- the command: qlog.add, audit.record, …
  change TEXT NOT NULL,             -- what changed, in words
  reason TEXT NOT NULL CHECK (reason <> ''),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

-- A signature given while the form has changes after signing: it covers every change up to
-- seen_change. The first signature of a role stays in sheet_signoffs / audit_signoffs.
CREATE TABLE signed_form_renewals (
  id INTEGER PRIMARY KEY,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,
  role TEXT NOT NULL,
  login TEXT NOT NULL REFERENCES users (login),
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  seen_change INTEGER NOT NULL REFERENCES signed_form_changes (id)
);
