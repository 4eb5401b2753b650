-- The central store (spec §10; docs/central-store.md), its first migration: the tenants, the
-- people as login roles, who may see and change which rows, and the journal as one append-only
-- chain per office. Run by the database's owner (a DBA, often the superuser) in one transaction.
-- The office tables follow the pattern of `users` and `usage_entries` here: an `office` column
-- that defaults to the acting office, row-level security keyed on session_user, no DELETE for
-- staff, and a view in schema `office` with the file's columns, through which the programs work.

-- The group roles the people's login roles are members of. Roles belong to the cluster, not to
-- one database, so a second database on the same server finds them made already.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'imcomply_staff') THEN
    CREATE ROLE imcomply_staff NOLOGIN;   -- every office's staff
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'imcomply_county') THEN
    CREATE ROLE imcomply_county NOLOGIN;  -- the county's Civil Affairs Department
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'imcomply_purger') THEN
    CREATE ROLE imcomply_purger NOLOGIN;  -- owns the one function that deletes personal rows
  END IF;
END
$$;

CREATE SCHEMA imcomply;
REVOKE ALL ON SCHEMA imcomply FROM PUBLIC;
GRANT USAGE ON SCHEMA imcomply TO imcomply_staff, imcomply_county, imcomply_purger;

-- The tenants: one row per office, made by acct init; created_by may act --as anyone of it.
CREATE TABLE imcomply.offices (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by NAME NOT NULL DEFAULT session_user
);

-- Each person is a PostgreSQL login role: the office's staff under their roster login, or the
-- county's (office NULL). Only the owner writes here (acct init, and the role mapping command).
CREATE TABLE imcomply.people (
  role_name NAME PRIMARY KEY,
  office TEXT REFERENCES imcomply.offices (code),
  login TEXT NOT NULL,
  county BOOLEAN NOT NULL DEFAULT false,
  CHECK ((office IS NULL) = county),
  UNIQUE (office, login)
);

-- Who the session is. session_user, not current_user (SET ROLE changes that) and not a setting
-- (set_config is anyone's to call): a role cannot make itself another without logging in as it.
-- SECURITY DEFINER so that staff need no read access to people; the search_path is fixed so that
-- no object a caller creates can stand in for ours.
CREATE FUNCTION imcomply.session_office() RETURNS TEXT
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT office FROM imcomply.people WHERE role_name = session_user $$;
CREATE FUNCTION imcomply.session_is_county() RETURNS BOOLEAN
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT coalesce((SELECT county FROM imcomply.people WHERE role_name = session_user), false) $$;
-- The role that created a tenant acts for it as root does for a file (spec §10).
CREATE FUNCTION imcomply.session_created(office TEXT) RETURNS BOOLEAN
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT FROM imcomply.offices o WHERE o.code = office AND o.created_by = session_user) $$;
-- The one office this session works on through the views of schema `office`: the staff's own;
-- for the tenant's creator or a county role, the office it names in the setting imcomply.office,
-- if it created that tenant or reads every office. The setting picks among the tenants the
-- session may already see; it grants nothing (the policies check every row again).
CREATE FUNCTION imcomply.acting_office() RETURNS TEXT
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce(imcomply.session_office(),
                    CASE WHEN imcomply.session_created(current_setting('imcomply.office', true))
                              OR imcomply.session_is_county()
                         THEN current_setting('imcomply.office', true) END)
  $$;
REVOKE ALL ON FUNCTION imcomply.session_office(), imcomply.session_is_county(), imcomply.session_created(TEXT),
  imcomply.acting_office() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imcomply.session_office(), imcomply.session_is_county(), imcomply.session_created(TEXT),
  imcomply.acting_office() TO imcomply_staff, imcomply_county, imcomply_purger;

GRANT SELECT ON imcomply.offices TO imcomply_staff, imcomply_county;

-- An office table: its rows carry their office; staff see and write their own office's, the
-- county reads every office's.
CREATE TABLE imcomply.users (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'none'
    CHECK (status IN ('none', 'pending', 'active', 'suspended', 'terminated')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (office, id),
  UNIQUE (office, login)
);

-- Personal data: a usage entry (R4.2). Staff insert and update; rows leave only through
-- imcomply.purge_rows.
CREATE TABLE imcomply.usage_entries (
  office TEXT NOT NULL DEFAULT imcomply.acting_office() REFERENCES imcomply.offices (code),
  id BIGINT NOT NULL,
  login TEXT NOT NULL,
  item TEXT NOT NULL,
  purpose TEXT NOT NULL,
  login_at TEXT NOT NULL,
  logout_at TEXT,
  PRIMARY KEY (office, id),
  FOREIGN KEY (office, login) REFERENCES imcomply.users (office, login)
);

-- The journal: one chain per office (spec §7). Staff may INSERT and SELECT it, never UPDATE,
-- DELETE or TRUNCATE; each insert must follow its office's head, which the trigger moves on.
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
  format INTEGER NOT NULL,
  day TEXT,
  leaves BIGINT,
  batch BIGINT,
  PRIMARY KEY (office, seq)
);

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

CREATE FUNCTION imcomply.journal_follows_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  head imcomply.journal_heads%ROWTYPE;
BEGIN
  SELECT * INTO head FROM imcomply.journal_heads WHERE office = NEW.office FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'office % has no journal head', NEW.office USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
    RAISE EXCEPTION 'journal record % of office % does not follow its head (record %)', NEW.seq, NEW.office, head.seq
      USING ERRCODE = 'check_violation';
  END IF;
  UPDATE imcomply.journal_heads SET seq = NEW.seq, hash = NEW.hash WHERE office = NEW.office;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_follows_head BEFORE INSERT ON imcomply.journal
  FOR EACH ROW EXECUTE FUNCTION imcomply.journal_follows_head();

-- Row-level security on every office table, forced on the owner too; the superuser alone passes.
DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'usage_entries', 'journal', 'journal_heads'] LOOP
    EXECUTE format('ALTER TABLE imcomply.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE imcomply.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY office_reads ON imcomply.%I FOR SELECT USING (office = imcomply.session_office() '
                   'OR imcomply.session_is_county() OR imcomply.session_created(office))', t);
    EXECUTE format('CREATE POLICY office_inserts ON imcomply.%I FOR INSERT WITH CHECK (office = imcomply.session_office() '
                   'OR imcomply.session_created(office))', t);
    EXECUTE format('CREATE POLICY office_updates ON imcomply.%I FOR UPDATE USING (office = imcomply.session_office() '
                   'OR imcomply.session_created(office)) WITH CHECK (office = imcomply.session_office() '
                   'OR imcomply.session_created(office))', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON imcomply.users, imcomply.usage_entries TO imcomply_staff;
GRANT SELECT, INSERT ON imcomply.journal TO imcomply_staff;
GRANT SELECT ON imcomply.journal_heads TO imcomply_staff;
GRANT SELECT ON imcomply.users, imcomply.usage_entries, imcomply.journal, imcomply.journal_heads TO imcomply_county;

-- What the programs see: schema `office`, one view per office table holding exactly the file's
-- columns in the file's order (no `office`) and the acting office's rows alone, so the storage
-- files' SQL and the journal's `SELECT *` digests are the same on both stores and a creator of
-- several tenants never sees them mixed. security_invoker: the caller's privileges and row-level
-- security apply through the view, as on the table; a row inserted through it gets the acting
-- office by default.
CREATE SCHEMA office;
REVOKE ALL ON SCHEMA office FROM PUBLIC;
GRANT USAGE ON SCHEMA office TO imcomply_staff, imcomply_county, imcomply_purger;
CREATE VIEW office.users WITH (security_invoker = true) AS
  SELECT id, login, name, status, added_at FROM imcomply.users WHERE office = imcomply.acting_office();
CREATE VIEW office.usage_entries WITH (security_invoker = true) AS
  SELECT id, login, item, purpose, login_at, logout_at FROM imcomply.usage_entries WHERE office = imcomply.acting_office();
CREATE VIEW office.journal WITH (security_invoker = true) AS
  SELECT seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format, day, leaves, batch
  FROM imcomply.journal WHERE office = imcomply.acting_office();
GRANT SELECT, INSERT, UPDATE ON office.users, office.usage_entries TO imcomply_staff;
GRANT SELECT, INSERT ON office.journal TO imcomply_staff;
GRANT SELECT ON office.users, office.usage_entries, office.journal TO imcomply_county;

-- The one way a personal row leaves: owned by imcomply_purger, which alone may DELETE, and
-- callable by staff for their own office's rows only. Which rows are due is decided in C++
-- (lib/purge.cpp); the caller journals the removal in the same transaction.
GRANT SELECT, DELETE ON imcomply.usage_entries TO imcomply_purger;
CREATE POLICY purger_deletes ON imcomply.usage_entries FOR DELETE TO imcomply_purger USING (true);
CREATE POLICY purger_reads ON imcomply.usage_entries FOR SELECT TO imcomply_purger USING (true);
CREATE FUNCTION imcomply.purge_rows(kind TEXT, ids BIGINT[]) RETURNS BIGINT
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  caller_office TEXT := imcomply.session_office();
  removed BIGINT;
BEGIN
  IF caller_office IS NULL THEN
    RAISE EXCEPTION 'role % is no office''s staff', session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF kind <> 'usage_entries' THEN
    RAISE EXCEPTION 'purge deletes no rows of %', kind USING ERRCODE = 'invalid_parameter_value';
  END IF;
  DELETE FROM imcomply.usage_entries u WHERE u.office = caller_office AND u.id = ANY (ids);
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END
$$;
ALTER FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) OWNER TO imcomply_purger;
REVOKE ALL ON FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imcomply.purge_rows(TEXT, BIGINT[]) TO imcomply_staff;
