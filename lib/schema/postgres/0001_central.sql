-- The central store (spec §10; docs/central-store.md), its first migration: the tenants, identity
-- as the offices' os_accounts, every office table of the file (lib/schema/0001…0012) with its
-- office at the head of its keys, who may see and change which rows, the journal as one
-- append-only chain per office, and schema `office`, the programs' view of one office. Run by the
-- database's owner (a DBA, often the superuser) in one transaction.
--
-- Refusals of our own are raised with SQLSTATE IM001: the programs show their message as written
-- (exit 3), where a constraint of the server's own is only "breaks a constraint".

-- The group roles the people's login roles are members of. Roles belong to the cluster, not to
-- one database, so a second database on the same server finds them made already (or being made:
-- two databases migrated at once race on the name, and the loser keeps the winner's role).
DO $$
DECLARE
  r TEXT;
BEGIN
  FOREACH r IN ARRAY ARRAY['imcomply_staff',    -- every office's staff
                           'imcomply_county',   -- the county's Civil Affairs Department
                           'imcomply_purger']   -- owns the one function that deletes personal rows
  LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

CREATE SCHEMA imcomply;
REVOKE ALL ON SCHEMA imcomply FROM PUBLIC;
GRANT USAGE ON SCHEMA imcomply TO imcomply_staff, imcomply_county, imcomply_purger;

-- The central schema's version: 0 until the C++ backend, having run the migrations, records theirs.
-- version: the migrations applied; catalog: the SHA-256 of the schema's description as they left
-- it (lib/store/integrity_store.cpp, server_catalog), which verify compares with the live one.
CREATE TABLE imcomply.meta (version INTEGER NOT NULL, catalog TEXT);
INSERT INTO imcomply.meta VALUES (0);
GRANT SELECT ON imcomply.meta TO imcomply_staff, imcomply_county;

-- The tenants: one row per office, made through office.office (acct init). created_by acts for
-- it as root does for a file.
CREATE TABLE imcomply.offices (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by NAME NOT NULL DEFAULT session_user
);
GRANT SELECT ON imcomply.offices TO imcomply_staff, imcomply_county;

-- Who the session is. session_user, not current_user (SET ROLE changes that) and not a setting
-- (set_config is anyone's to call): a role cannot make itself another without logging in as it.
-- Identity is the offices' os_accounts: on the server os_user is the person's database role, and
-- UNIQUE across offices, so a role is one office's staff or none's.
--
-- SECURITY DEFINER, so that they read os_accounts and offices whatever the caller may; the
-- search_path is fixed so that no object a caller creates can stand in for ours.
--
-- No recursion: os_accounts' own policies call session_office() and session_is_county(), which
-- read os_accounts. They read it as the functions' owner, and os_accounts has row-level security
-- ENABLEd but not FORCEd, so its owner (and a superuser) reads it unfiltered: the policies are not
-- applied again inside. Every other office table FORCEs it, but the functions read no other
-- (offices has no row-level security). Whoever runs this script owns both the functions and
-- os_accounts, so the owner they run as is the one the policies exempt.
--
-- The functions come before the tables they read (the office column's default calls them), so
-- their bodies are checked when first called, not here.
SET LOCAL check_function_bodies = off;

-- The office whose staff the session's role is, or NULL.
CREATE FUNCTION imcomply.session_office() RETURNS TEXT
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT a.office FROM imcomply.os_accounts a WHERE a.os_user = session_user::text $$;
-- A county role: a member of imcomply_county, and no office's staff (an office's role is never
-- the county's, even if a DBA grants it the group later). A superuser counts as a member of every
-- role, so it is the county's here too, which lets it name any office in imcomply.office; it
-- passes row-level security anyway.
CREATE FUNCTION imcomply.session_is_county() RETURNS BOOLEAN
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT pg_has_role(session_user, 'imcomply_county', 'MEMBER')
           AND NOT EXISTS (SELECT FROM imcomply.os_accounts a WHERE a.os_user = session_user::text)
  $$;
-- The role that created a tenant acts for it as root does for a file (spec §10).
CREATE FUNCTION imcomply.session_created(tenant TEXT) RETURNS BOOLEAN
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT FROM imcomply.offices o WHERE o.code = tenant AND o.created_by = session_user) $$;
-- The one office this session works on through the views of schema `office`: the staff's own;
-- for the tenant's creator or a county role, the office it names in the setting imcomply.office,
-- if it created that tenant or reads every office; with the setting unset or empty, the one
-- tenant the session created, if it created exactly one; else none (the views show nothing, and
-- an insert without an office fails). The setting picks among the tenants the session may
-- already see; it grants nothing (the policies check every row again).
CREATE FUNCTION imcomply.acting_office() RETURNS TEXT
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT CASE
             WHEN own.office IS NOT NULL THEN own.office
             WHEN named.code <> '' THEN
               CASE WHEN imcomply.session_created(named.code) OR imcomply.session_is_county() THEN named.code END
             ELSE (SELECT min(o.code) FROM imcomply.offices o WHERE o.created_by = session_user HAVING count(*) = 1)
           END
    FROM (SELECT imcomply.session_office() AS office) own,
         (SELECT coalesce(current_setting('imcomply.office', true), '') AS code) named
  $$;
REVOKE ALL ON FUNCTION imcomply.session_office(), imcomply.session_is_county(), imcomply.session_created(TEXT),
  imcomply.acting_office() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imcomply.session_office(), imcomply.session_is_county(), imcomply.session_created(TEXT),
  imcomply.acting_office() TO imcomply_staff, imcomply_county, imcomply_purger;

SET LOCAL check_function_bodies = on;

-- The row a journal record names, as a number: entity_id as a bigint, NULL if it is not one
-- (where the file's CAST(entity_id AS INTEGER) reads a prefix or 0). For the index
-- journal_batches below: a plain cast there would make an insert of a batch record whose
-- entity_id is not a number fail, rather than only leave it out of the index. A standard SQL
-- body is bound when made, so no search_path can change what it calls, and it inlines, so the
-- query `imcomply.entity_row(entity_id) BETWEEN …` uses the index.
CREATE FUNCTION imcomply.entity_row(entity_id TEXT) RETURNS BIGINT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN entity_id ~ '^-?[0-9]{1,18}$' THEN entity_id::bigint END;
REVOKE ALL ON FUNCTION imcomply.entity_row(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imcomply.entity_row(TEXT) TO imcomply_staff, imcomply_county, imcomply_purger;

-- The office tables: the file's (lib/schema/0001…0012, at 0012) except `office`, in the file's
-- order, each with exactly the file's columns in the file's order after `office`. INTEGER is
-- BIGINT, TEXT is TEXT, BLOB is BYTEA; NOT NULL, DEFAULTs and CHECKs are the file's. The file's
-- `id INTEGER PRIMARY KEY` (its rowid) is (office, id), and every UNIQUE and REFERENCES has the
-- office at its head, so that two offices' ids, logins and keys never meet. A row inserted
-- without an id gets its office's next one (the triggers below).

-- 0001: the roster and the account lifecycle (R3.1–R3.6, R4.4), and the journal (spec §7).
CREATE TABLE imcomply.users (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  title TEXT,
  unit TEXT,
  status TEXT NOT NULL DEFAULT 'none'
    CHECK (status IN ('none', 'pending', 'active', 'suspended', 'terminated')),
  items TEXT NOT NULL DEFAULT '',
  deputy TEXT,
  active_since TEXT,
  added_at TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, login),
  FOREIGN KEY (office, deputy) REFERENCES imcomply.users (office, login) DEFERRABLE
);

CREATE TABLE imcomply.roles (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'auditor', 'head', 'secretary', 'chief', 'officer')),
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  UNIQUE (office, login, role)
);

CREATE TABLE imcomply.applications (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
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
  agency_ref TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);

-- Its reference to terminations, made after them, is added below terminations.
CREATE TABLE imcomply.duty_changes (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reassignment', 'transfer', 'suspension', 'resignation', 'retirement')),
  effective_on TEXT NOT NULL,
  deadline_on TEXT NOT NULL,
  counting TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  termination_id BIGINT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);

CREATE TABLE imcomply.terminations (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('duty-change', 'cert-lost', 'violation', 'review', 'request')),
  terminated_on TEXT NOT NULL,
  deadline_on TEXT,
  late_days BIGINT NOT NULL DEFAULT 0,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);
ALTER TABLE imcomply.duty_changes
  ADD FOREIGN KEY (office, termination_id) REFERENCES imcomply.terminations (office, id) DEFERRABLE;

CREATE TABLE imcomply.cert_losses (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  lost_at TEXT NOT NULL,
  notified_at TEXT,
  ref TEXT,
  termination_id BIGINT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  FOREIGN KEY (office, termination_id) REFERENCES imcomply.terminations (office, id) DEFERRABLE
);

CREATE TABLE imcomply.suspensions (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  reason TEXT NOT NULL,
  suspended_at TEXT NOT NULL,
  suspended_by TEXT NOT NULL,
  reinstated_at TEXT,
  reinstated_by TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);

CREATE TABLE imcomply.agency_registrations (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  registered_by TEXT NOT NULL,
  functions TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  approved_on TEXT,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, registered_by) REFERENCES imcomply.users (office, login) DEFERRABLE
);

CREATE TABLE imcomply.reviews (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  period TEXT NOT NULL,
  started_on TEXT NOT NULL,
  started_by TEXT NOT NULL,
  closed_on TEXT,
  closed_by TEXT,
  PRIMARY KEY (office, id),
  UNIQUE (office, period)
);

CREATE TABLE imcomply.review_decisions (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  review_id BIGINT NOT NULL,
  login TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('keep', 'revoke')),
  note TEXT,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, review_id) REFERENCES imcomply.reviews (office, id) DEFERRABLE,
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  UNIQUE (office, review_id, login)
);

CREATE TABLE imcomply.events (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  happened TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  os_user TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);
CREATE INDEX events_by_login ON imcomply.events (office, login, happened, id);

-- The journal: one chain per office (spec §7), with 0010's and 0011's columns. Staff may INSERT
-- and SELECT it, never UPDATE, DELETE or TRUNCATE; each insert must follow its office's head,
-- which the trigger below moves on.
CREATE TABLE imcomply.journal (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  seq BIGINT NOT NULL,
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
  format BIGINT NOT NULL DEFAULT 1,
  day TEXT,
  leaves BIGINT,
  batch BIGINT,
  PRIMARY KEY (office, seq)
);

-- 0002: the usage log (R3.3, R4.1, Annex 1), imports, data obtained (R3.7), sign-offs, handovers.
CREATE TABLE imcomply.imports (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('usage', 'system')),
  file_name TEXT NOT NULL,
  digest TEXT NOT NULL,
  encoding TEXT NOT NULL,
  rows BIGINT NOT NULL,
  added BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, kind, digest)
);

CREATE TABLE imcomply.usage_entries (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  purpose TEXT NOT NULL CHECK (purpose <> ''),
  basis TEXT,
  case_ref TEXT,
  login_at TEXT NOT NULL,
  logout_at TEXT,
  import_id BIGINT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  FOREIGN KEY (office, import_id) REFERENCES imcomply.imports (office, id) DEFERRABLE,
  UNIQUE (office, login, item, login_at)
);
CREATE INDEX usage_entries_by_time ON imcomply.usage_entries (office, login_at);

CREATE TABLE imcomply.obtained_data (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  entry_id BIGINT NOT NULL,
  description TEXT NOT NULL CHECK (description <> ''),
  archive_no TEXT,
  destroy_by TEXT,
  file_path TEXT,
  destroyed_at TEXT,
  destroyed_by TEXT,
  destruction_method TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, entry_id) REFERENCES imcomply.usage_entries (office, id) DEFERRABLE,
  CHECK ((archive_no IS NULL) <> (destroy_by IS NULL))
);

CREATE TABLE imcomply.sheet_signoffs (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  month TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('officer', 'secretary', 'director')),
  login TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  UNIQUE (office, month, role)
);

CREATE TABLE imcomply.handovers (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  to_login TEXT NOT NULL,
  handed_on TEXT NOT NULL,
  entries BIGINT NOT NULL,
  data_items BIGINT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  FOREIGN KEY (office, to_login) REFERENCES imcomply.users (office, login) DEFERRABLE
);

-- 0003: the audit team's records (R4.2–R4.5, R5, R6, Annexes 2 and 3) and the journal's anchors.
CREATE TABLE imcomply.system_queries (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  import_id BIGINT NOT NULL,
  queried_at TEXT NOT NULL,
  account TEXT NOT NULL,
  item TEXT NOT NULL CHECK (item IN ('entry-exit', 'mainland', 'foreigner')),
  subject_hmac TEXT NOT NULL,
  subject_masked TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '',
  client_ip TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, import_id) REFERENCES imcomply.imports (office, id) DEFERRABLE,
  UNIQUE (office, account, queried_at, item, subject_hmac)
);
CREATE INDEX system_queries_by_time ON imcomply.system_queries (office, queried_at);

CREATE TABLE imcomply.audit_records (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  month TEXT NOT NULL,
  item BIGINT NOT NULL CHECK (item BETWEEN 1 AND 4),
  result TEXT NOT NULL CHECK (result IN ('conform', 'nonconform')),
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, month, item)
);

CREATE TABLE imcomply.audit_signoffs (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  month TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('auditor', 'chief', 'secretary', 'director')),
  login TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  UNIQUE (office, month, role)
);

CREATE TABLE imcomply.audit_plans (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  year BIGINT NOT NULL,
  planned_on TEXT NOT NULL,
  drawn_at TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, year, planned_on)
);

CREATE TABLE imcomply.audits_conducted (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  conducted_on TEXT NOT NULL,
  team TEXT NOT NULL,
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id)
);

CREATE TABLE imcomply.incidents (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('violation', 'pdpa-breach')),
  description TEXT NOT NULL,
  action TEXT CHECK (action IN ('suspend', 'terminate')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE
);

CREATE TABLE imcomply.incident_referrals (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  incident_id BIGINT NOT NULL,
  referred_to TEXT NOT NULL CHECK (referred_to IN ('head', 'ethics', 'judiciary')),
  referred_on TEXT NOT NULL,
  ref TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, incident_id) REFERENCES imcomply.incidents (office, id) DEFERRABLE
);

CREATE TABLE imcomply.signing_keys (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, public_key)
);

CREATE TABLE imcomply.checkpoints (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  sealed_at TEXT NOT NULL,
  sealed_by TEXT NOT NULL,
  key_id BIGINT,
  signature TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, key_id) REFERENCES imcomply.signing_keys (office, id) DEFERRABLE
);

-- 0004: retention and destruction (R3.7, R4.1).
CREATE TABLE imcomply.holds (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT,
  from_on TEXT,
  to_on TEXT,
  reason TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  released_at TEXT,
  released_by TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  CHECK ((login IS NOT NULL) <> (from_on IS NOT NULL AND to_on IS NOT NULL))
);

CREATE TABLE imcomply.destruction_records (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  run_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  kind TEXT NOT NULL,
  count BIGINT NOT NULL,
  first_day TEXT,
  last_day TEXT,
  held BIGINT NOT NULL DEFAULT 0,
  journal_hash TEXT NOT NULL,
  method TEXT NOT NULL,
  operator TEXT NOT NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, run_id, kind)
);

CREATE TABLE imcomply.purge_cuts (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  run_id TEXT NOT NULL,
  cut_at TEXT NOT NULL,
  PRIMARY KEY (office, id)
);

CREATE INDEX journal_by_row ON imcomply.journal (office, entity, entity_id, seq);

-- 0005: identity. A login is mapped once per office; a database role once in the whole store:
-- the first office to map it keeps it, and another office's staff cannot take it over. The
-- trigger further below refuses roles that are no office's staff to give.
CREATE TABLE imcomply.os_accounts (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  os_user TEXT NOT NULL,
  mapped_at TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, login),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  UNIQUE (os_user)
);

-- 0006: the device and inode of each file registered for destruction.
CREATE TABLE imcomply.data_files (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  device BIGINT NOT NULL,
  inode BIGINT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, id) REFERENCES imcomply.obtained_data (office, id) DEFERRABLE
);

-- 0007: the subject key's check value.
CREATE TABLE imcomply.subject_key_checks (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  check_value TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id)
);

-- 0008: changes to signed forms, and the signatures renewed after them.
CREATE TABLE imcomply.signed_form_changes (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,
  action TEXT NOT NULL,
  change TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason <> ''),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (office, id)
);

CREATE TABLE imcomply.signed_form_renewals (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('annex1', 'annex2')),
  month TEXT NOT NULL,
  role TEXT NOT NULL,
  login TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  checkpoint TEXT,
  seen_change BIGINT NOT NULL,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login) DEFERRABLE,
  FOREIGN KEY (office, seen_change) REFERENCES imcomply.signed_form_changes (office, id) DEFERRABLE
);

-- 0009: one destruction record per purge run, with its counts per kind.
CREATE TABLE imcomply.destructions (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  run_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  journal_hash TEXT NOT NULL,
  method TEXT NOT NULL,
  witness TEXT,
  confirmed BIGINT NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  operator TEXT NOT NULL,
  done_at TEXT NOT NULL,
  usage_entries BIGINT NOT NULL DEFAULT 0,
  usage_entries_held BIGINT NOT NULL DEFAULT 0,
  usage_entries_first TEXT,
  usage_entries_last TEXT,
  system_queries BIGINT NOT NULL DEFAULT 0,
  system_queries_held BIGINT NOT NULL DEFAULT 0,
  system_queries_first TEXT,
  system_queries_last TEXT,
  obtained_data BIGINT NOT NULL DEFAULT 0,
  files BIGINT NOT NULL DEFAULT 0,
  files_first TEXT,
  files_last TEXT,
  paper BIGINT NOT NULL DEFAULT 0,
  paper_first TEXT,
  paper_last TEXT,
  PRIMARY KEY (office, id),
  UNIQUE (office, run_id)
);

-- 0011: a batch's seeds and the hashes kept of its removed leaves (WITHOUT ROWID in the file).
CREATE TABLE imcomply.journal_seeds (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  batch BIGINT NOT NULL,
  start BIGINT NOT NULL,
  size BIGINT NOT NULL,
  seed BYTEA NOT NULL,
  PRIMARY KEY (office, batch, start)
);

CREATE TABLE imcomply.journal_nodes (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  batch BIGINT NOT NULL,
  start BIGINT NOT NULL,
  size BIGINT NOT NULL,
  hash BYTEA NOT NULL,
  PRIMARY KEY (office, batch, start)
);

-- 0012: the batch records of a table by their first row. The file's expression is
-- CAST(entity_id AS INTEGER); here imcomply.entity_row(entity_id), which never fails (see it).
CREATE INDEX journal_batches ON imcomply.journal (office, entity, imcomply.entity_row(entity_id))
  WHERE leaves IS NOT NULL;

-- Each office's head: a writer locks its row (SELECT … FOR UPDATE) at the start of its
-- transaction, so the writers of one office queue and the offices never wait on each other.
-- `start_seq`/`start_hash`: where the chain begins (genesis, or a migrated file's head).
CREATE TABLE imcomply.journal_heads (
  office TEXT PRIMARY KEY REFERENCES imcomply.offices (code),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  start_seq BIGINT NOT NULL,
  start_hash TEXT NOT NULL
);

-- A journal record follows its office's head, and names who really wrote it: os_user is the
-- session's role, whoever the record says acted (actor; a tenant's creator acting --as someone
-- is still itself here, as root is on a file). Its seq is the file's journal's rowid, so it is
-- also the last id given (see the id triggers below).
CREATE FUNCTION imcomply.journal_follows_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  head imcomply.journal_heads%ROWTYPE;
BEGIN
  -- acct migrate --to copies a file's records as they are, each naming the OS user who made it:
  -- only the tenant's creator, in the transaction that started the chain at the file's records.
  IF NEW.os_user IS DISTINCT FROM session_user::text
     AND NOT (current_setting('imcomply.migrating', true) = NEW.office AND imcomply.session_created(NEW.office)) THEN
    RAISE EXCEPTION 'journal record % of office % names os_user %, but the session''s role is %',
      NEW.seq, NEW.office, NEW.os_user, session_user USING ERRCODE = 'IM001';
  END IF;
  SELECT * INTO head FROM imcomply.journal_heads WHERE office = NEW.office FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'office % has no journal head', NEW.office USING ERRCODE = 'IM001';
  END IF;
  IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
    RAISE EXCEPTION 'journal record % of office % does not follow its head (record %)', NEW.seq, NEW.office, head.seq
      USING ERRCODE = 'IM001';
  END IF;
  UPDATE imcomply.journal_heads SET seq = NEW.seq, hash = NEW.hash WHERE office = NEW.office;
  PERFORM set_config('imcomply.last_id', NEW.seq::text, true);
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_follows_head BEFORE INSERT ON imcomply.journal
  FOR EACH ROW EXECUTE FUNCTION imcomply.journal_follows_head();

-- acct migrate --to: the new tenant's chain starts where the file's kept records start (its
-- first record's seq - 1 and prev_hash: genesis, or the record a purge cut away last), so that the
-- copied records follow it one by one and verify checks them from the file's head. Only the
-- tenant's creator, only before the tenant's first record; the copy runs in the same transaction,
-- which this marks as migrating (the records keep the OS users that made them).
CREATE FUNCTION imcomply.start_chain_at(first_seq BIGINT, first_prev TEXT) RETURNS VOID
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  tenant TEXT := imcomply.acting_office();
BEGIN
  IF tenant IS NULL OR NOT imcomply.session_created(tenant) THEN
    RAISE EXCEPTION 'only the role that created a tenant starts its chain' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT FROM imcomply.journal j WHERE j.office = tenant) THEN
    RAISE EXCEPTION 'office % has journal records already: its chain has started', tenant USING ERRCODE = 'IM001';
  END IF;
  UPDATE imcomply.journal_heads h SET seq = first_seq - 1, hash = first_prev, start_seq = first_seq - 1,
         start_hash = first_prev WHERE h.office = tenant;
  PERFORM set_config('imcomply.migrating', tenant, true);
END
$$;
REVOKE ALL ON FUNCTION imcomply.start_chain_at(BIGINT, TEXT) FROM PUBLIC;

-- A role mapped into an office becomes that office's staff (session_office()). So refuse one that
-- is no office's to give: a superuser, a county role, and a tenant's creator (it acts for
-- its tenants; as an office's staff it would act for that office alone, even in the acct init of
-- its next tenant). The UNIQUE (os_user) above keeps a role mapped by another office. Checked
-- when a mapping is made or names another role, not when an update leaves os_user as it was.
CREATE FUNCTION imcomply.os_account_is_staff() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  who pg_roles%ROWTYPE;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.os_user = OLD.os_user THEN
    RETURN NEW;
  END IF;
  -- A role not made yet may be mapped, as an OS user not made yet may be on a file: it acts for
  -- the office once a DBA creates it (and grants it imcomply_staff). What it may not be is a role
  -- that is someone else's to give.
  SELECT * INTO who FROM pg_roles WHERE rolname = NEW.os_user;
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF who.rolsuper THEN
    RAISE EXCEPTION 'role % is a superuser, not an office''s staff', NEW.os_user USING ERRCODE = 'IM001';
  END IF;
  IF pg_has_role(who.oid, 'imcomply_county', 'MEMBER') THEN
    RAISE EXCEPTION 'role % is the county''s (imcomply_county), not an office''s staff', NEW.os_user
      USING ERRCODE = 'IM001';
  END IF;
  IF EXISTS (SELECT FROM imcomply.offices o WHERE o.created_by = NEW.os_user::name) THEN
    RAISE EXCEPTION 'role % created a tenant: it acts for its tenants, it is no office''s staff', NEW.os_user
      USING ERRCODE = 'IM001';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER os_account_is_staff BEFORE INSERT OR UPDATE ON imcomply.os_accounts
  FOR EACH ROW EXECUTE FUNCTION imcomply.os_account_is_staff();

-- Ids as the file's rowids: a row inserted without one gets max(id) + 1 of its office (1 for the
-- office's first), so each office counts on its own and a migrated file keeps its ids. The C++
-- backend serialises one office's writers with an advisory lock, so max + 1 is safe; and the
-- row's SELECT in the trigger sees the rows an INSERT … SELECT inserted before it. Every row,
-- with an id given or not, records it in the transaction's setting imcomply.last_id, which the
-- backend reads back as last_insert_id (`SELECT current_setting('imcomply.last_id')`).
--
-- One function per table, each with static SQL, rather than one generic function: a generic one
-- must EXECUTE its query under the table's name, planned again for every row (an import inserts
-- thousands), while PL/pgSQL caches a static query's plan for the session. SECURITY INVOKER: the
-- caller reads the rows it may write (the read policies include the write policies'), and a row
-- it may not write is refused after the trigger anyway.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'imcomply'::regnamespace AND c.relkind = 'r'
      AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped)
    ORDER BY c.oid
  LOOP
    EXECUTE format($f$
      CREATE FUNCTION imcomply.%1$I() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
        AS $body$
      BEGIN
        IF NEW.id IS NULL THEN
          SELECT coalesce(max(r.id), 0) + 1 INTO NEW.id FROM imcomply.%2$I r WHERE r.office = NEW.office;
        END IF;
        PERFORM set_config('imcomply.last_id', NEW.id::text, true);
        RETURN NEW;
      END
      $body$ $f$, 'next_id_' || t, t);
    EXECUTE format('REVOKE ALL ON FUNCTION imcomply.%I() FROM PUBLIC', 'next_id_' || t);
    EXECUTE format('CREATE TRIGGER next_id BEFORE INSERT ON imcomply.%I FOR EACH ROW EXECUTE FUNCTION imcomply.%I()',
                   t, 'next_id_' || t);
  END LOOP;
END
$$;

-- What the programs see: schema `office`, one view per table of the file, holding exactly the
-- file's columns in the file's order (no `office`) and the acting office's rows alone, so the
-- storage files' SQL and the journal's `SELECT *` digests are the same on both stores and a
-- creator of several tenants never sees them mixed. security_invoker: the caller's privileges
-- and row-level security apply through the view, as on the table; a row inserted through it gets
-- the acting office and its id from the table's default and trigger. Made in the file's order
-- (office first), which is the order the C++ reads them in (pg_class.oid).
CREATE SCHEMA office;
REVOKE ALL ON SCHEMA office FROM PUBLIC;
GRANT USAGE ON SCHEMA office TO imcomply_staff, imcomply_county, imcomply_purger;

-- The file's one-row `office` table: the acting office. acct init inserts into it (as
-- `INSERT INTO office (id, code, name, created_at) VALUES (1, …)`, search_path = office), which
-- creates the tenant with its head at genesis and makes the rest of the session act for it.
-- Only the owner (or a superuser) may: the group roles get SELECT alone.
CREATE VIEW office.office WITH (security_invoker = true) AS
  SELECT 1::bigint AS id, code, name, created_at FROM imcomply.offices WHERE code = imcomply.acting_office();
CREATE FUNCTION imcomply.office_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM 1 AND NEW.id IS NOT NULL THEN
    RAISE EXCEPTION 'the office row''s id is 1, not %', NEW.id USING ERRCODE = 'IM001';
  END IF;
  IF imcomply.session_office() IS NOT NULL THEN
    RAISE EXCEPTION 'role % is the staff of office %: it cannot create a tenant', session_user, imcomply.session_office()
      USING ERRCODE = 'IM001';
  END IF;
  INSERT INTO imcomply.offices (code, name, created_at) VALUES (NEW.code, NEW.name, NEW.created_at);
  INSERT INTO imcomply.journal_heads (office, seq, hash, start_seq, start_hash)
    VALUES (NEW.code, 0, repeat('0', 64), 0, repeat('0', 64));
  PERFORM set_config('imcomply.office', NEW.code, false);
  PERFORM set_config('imcomply.last_id', '1', true);
  NEW.id := 1;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION imcomply.office_insert() FROM PUBLIC;
CREATE TRIGGER office_insert INSTEAD OF INSERT ON office.office
  FOR EACH ROW EXECUTE FUNCTION imcomply.office_insert();
GRANT SELECT ON office.office TO imcomply_staff, imcomply_county;

-- Row-level security, grants and views of every office table, in one place. Row-level security
-- is enabled and forced (the owner is subject too; only a superuser passes), except on
-- os_accounts, where it is enabled only (the identity functions read it as its owner: see them).
-- Staff read and write their office's rows, the county's roles read every office's, the tenant's
-- creator acts for it. The row-independent calls are scalar subqueries, evaluated once per query.
-- Staff may SELECT, INSERT and UPDATE; DELETE only roles (acct role --revoke); the journal only
-- SELECT and INSERT. The county SELECTs.
DO $$
DECLARE
  t TEXT;
  columns TEXT;
  own CONSTANT TEXT := '(office = (SELECT imcomply.session_office()) OR imcomply.session_created(office))';
  privileges TEXT;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'imcomply'::regnamespace AND c.relkind = 'r'
      AND c.relname NOT IN ('meta', 'offices', 'journal_heads')
    ORDER BY c.oid
  LOOP
    EXECUTE format('ALTER TABLE imcomply.%I ENABLE ROW LEVEL SECURITY', t);
    IF t <> 'os_accounts' THEN
      EXECUTE format('ALTER TABLE imcomply.%I FORCE ROW LEVEL SECURITY', t);
    END IF;
    EXECUTE format('CREATE POLICY office_reads ON imcomply.%I FOR SELECT USING (office = (SELECT imcomply.session_office()) '
                   'OR (SELECT imcomply.session_is_county()) OR imcomply.session_created(office))', t);
    EXECUTE format('CREATE POLICY office_inserts ON imcomply.%I FOR INSERT WITH CHECK %s', t, own);
    EXECUTE format('CREATE POLICY office_updates ON imcomply.%I FOR UPDATE USING %s WITH CHECK %s', t, own, own);

    privileges := CASE t WHEN 'journal' THEN 'SELECT, INSERT'
                         WHEN 'roles' THEN 'SELECT, INSERT, UPDATE, DELETE'
                         ELSE 'SELECT, INSERT, UPDATE' END;
    IF t = 'roles' THEN
      EXECUTE format('CREATE POLICY office_deletes ON imcomply.%I FOR DELETE USING %s', t, own);
    END IF;
    EXECUTE format('GRANT %s ON imcomply.%I TO imcomply_staff', privileges, t);
    EXECUTE format('GRANT SELECT ON imcomply.%I TO imcomply_county', t);

    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
    FROM pg_attribute a
    WHERE a.attrelid = format('imcomply.%I', t)::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname <> 'office';
    EXECUTE format('CREATE VIEW office.%I WITH (security_invoker = true) AS SELECT %s FROM imcomply.%I '
                   'WHERE office = imcomply.acting_office()', t, columns, t);
    EXECUTE format('GRANT %s ON office.%I TO imcomply_staff', privileges, t);
    EXECUTE format('GRANT SELECT ON office.%I TO imcomply_county', t);
  END LOOP;
END
$$;

-- The heads: read by staff and the county, moved only by the journal's trigger.
ALTER TABLE imcomply.journal_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE imcomply.journal_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY office_reads ON imcomply.journal_heads FOR SELECT USING (office = (SELECT imcomply.session_office())
  OR (SELECT imcomply.session_is_county()) OR imcomply.session_created(office));
CREATE POLICY office_inserts ON imcomply.journal_heads FOR INSERT
  WITH CHECK (office = (SELECT imcomply.session_office()) OR imcomply.session_created(office));
CREATE POLICY office_updates ON imcomply.journal_heads FOR UPDATE
  USING (office = (SELECT imcomply.session_office()) OR imcomply.session_created(office))
  WITH CHECK (office = (SELECT imcomply.session_office()) OR imcomply.session_created(office));
GRANT SELECT ON imcomply.journal_heads TO imcomply_staff, imcomply_county;

-- 0009's view, over the office's views.
CREATE VIEW office.destruction_counts (run_id, done_at, kind, count, held, first_day, last_day)
  WITH (security_invoker = true) AS
  SELECT run_id, done_at, kind, count, held, first_day, last_day FROM office.destruction_records
  UNION ALL SELECT run_id, done_at, 'usage_entries', usage_entries, usage_entries_held, usage_entries_first,
                   usage_entries_last FROM office.destructions WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'system_queries', system_queries, system_queries_held, system_queries_first,
                   system_queries_last FROM office.destructions WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'obtained_data', obtained_data, 0, NULL, NULL FROM office.destructions
            WHERE confirmed = 0
  UNION ALL SELECT run_id, done_at, 'files', files, 0, files_first, files_last FROM office.destructions
            WHERE confirmed = 0 OR files > 0
  UNION ALL SELECT run_id, done_at, 'paper', paper, 0, paper_first, paper_last FROM office.destructions WHERE paper > 0;
GRANT SELECT ON office.destruction_counts TO imcomply_staff, imcomply_county;

-- The one way a personal row leaves, and the journal's records before the retention window with
-- it: owned by imcomply_purger, which alone may DELETE them, and callable by staff for their own
-- office's rows only, and by a tenant's creator for the office it acts for, as root runs purge on
-- a file (its policy checks the office again). Which rows are due is decided in C++
-- (lib/purge.cpp); the caller journals the removal in the same transaction, and deletes an item's
-- file row, then the item, then its entry, as the keys require. Kinds: the four personal tables
-- by id; journal_seeds and journal_nodes by batch (a purge punctures a batch's seeds and keeps the
-- subtrees of what went); journal_cut, ids holding one seq: the records up to it and their seeds
-- and subtrees (purge_cuts keeps where the chain now starts).
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['usage_entries', 'system_queries', 'obtained_data', 'data_files', 'journal',
                           'journal_seeds', 'journal_nodes'] LOOP
    EXECUTE format('GRANT SELECT, DELETE ON imcomply.%I TO imcomply_purger', t);
    EXECUTE format('CREATE POLICY purger_deletes ON imcomply.%I FOR DELETE TO imcomply_purger '
                   'USING (office = (SELECT imcomply.acting_office()))', t);
  END LOOP;
END
$$;
GRANT SELECT ON imcomply.purge_cuts TO imcomply_purger;
CREATE FUNCTION imcomply.purge_rows(kind TEXT, ids BIGINT[]) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller_office TEXT := imcomply.acting_office();
  removed BIGINT;
BEGIN
  -- The office's staff, or the tenant's creator acting for it; never the county, which reads.
  IF caller_office IS NULL OR (imcomply.session_office() IS NULL AND NOT imcomply.session_created(caller_office)) THEN
    RAISE EXCEPTION 'role % is no office''s staff nor its creator', session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  CASE kind
    WHEN 'usage_entries' THEN
      DELETE FROM imcomply.usage_entries r WHERE r.office = caller_office AND r.id = ANY (ids);
    WHEN 'system_queries' THEN
      DELETE FROM imcomply.system_queries r WHERE r.office = caller_office AND r.id = ANY (ids);
    WHEN 'obtained_data' THEN
      DELETE FROM imcomply.obtained_data r WHERE r.office = caller_office AND r.id = ANY (ids);
    WHEN 'data_files' THEN
      DELETE FROM imcomply.data_files r WHERE r.office = caller_office AND r.id = ANY (ids);
    WHEN 'journal_seeds' THEN
      DELETE FROM imcomply.journal_seeds r WHERE r.office = caller_office AND r.batch = ANY (ids);
    WHEN 'journal_nodes' THEN
      DELETE FROM imcomply.journal_nodes r WHERE r.office = caller_office AND r.batch = ANY (ids);
    WHEN 'journal_cut' THEN
      -- Only up to a record a purge cut names, so the chain's new start is always recorded.
      IF cardinality(ids) <> 1 OR NOT EXISTS (SELECT FROM imcomply.purge_cuts c
                                               WHERE c.office = caller_office AND c.seq = ids[1]) THEN
        RAISE EXCEPTION 'the journal is cut only at a record that purge_cuts names' USING ERRCODE = 'IM001';
      END IF;
      DELETE FROM imcomply.journal_seeds r WHERE r.office = caller_office AND r.batch <= ids[1];
      DELETE FROM imcomply.journal_nodes r WHERE r.office = caller_office AND r.batch <= ids[1];
      DELETE FROM imcomply.journal r WHERE r.office = caller_office AND r.seq <= ids[1];
    ELSE
      RAISE EXCEPTION 'purge deletes no rows of %', kind USING ERRCODE = 'invalid_parameter_value';
  END CASE;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END
$$;
-- A new owner must have CREATE on the function's schema, unless a superuser makes the change: a
-- database owner who is none (and is a member of imcomply_purger) lends it for the one statement.
GRANT CREATE ON SCHEMA imcomply TO imcomply_purger;
ALTER FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) OWNER TO imcomply_purger;
REVOKE CREATE ON SCHEMA imcomply FROM imcomply_purger;
REVOKE ALL ON FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) TO imcomply_staff;
