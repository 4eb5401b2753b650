#!/usr/bin/env bash
# The central store's access control (spec §10; lib/schema/postgres/0001_central.sql), on the
# throwaway cluster of tests/store/postgres-cluster.sh: two offices' staff and a county role, each
# a login role mapped (or not) by an office's os_accounts. Staff see and write only their office's
# rows, whatever they set in their session; the county reads every office and writes none; a role
# is one office's staff at most, and never the county's or a superuser; nobody updates, deletes or
# truncates the journal, whose records must follow their office's head and name the session's
# role; ids count per office; personal rows leave only through imcomply.purge_rows; acct init's
# statements through office.office make a tenant its creator then acts for.
source "$(dirname "$0")/../cli/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
db=central_access
genesis=$(printf '0%.0s' $(seq 64))
h1=$(printf '1%.0s' $(seq 64))
h2=$(printf '2%.0s' $(seq 64))
h3=$(printf '3%.0s' $(seq 64))
h4=$(printf '4%.0s' $(seq 64))

# sql ROLE STATEMENTS: runs them as ROLE in the test database, keeping stdout, stderr and the exit code.
sql() {
  local role=$1
  shift
  psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$SOCKET" -U "$role" -d "$db" -c "$*" >"$OUT" 2>"$ERR"
  RC=$?
}
admin() { sql imcomply "$@"; [ "$RC" -eq 0 ] || { echo "setup failed: $*" >&2; cat "$ERR" >&2; exit 1; }; }
# role NAME OPTIONS…: a login role of the cluster (roles outlive the database: made once).
role() {
  local name=$1
  shift
  admin "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$name') THEN CREATE ROLE $name LOGIN $*; END IF;
  END \$\$"
}

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >"$OUT" 2>"$ERR" ||
  { echo "cannot create the test database" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -U imcomply -d "$db" --single-transaction \
  -f "$SOURCE/lib/schema/postgres/0001_central.sql" >"$OUT" 2>"$ERR"
RC=$?
expect 0 "the migration applies to an empty database"

# Two offices and the county; each person a login role. chen and lin are their offices' staff by
# os_accounts; wang and ho are staff roles no office has mapped yet; wu is the county's.
role chen IN ROLE imcomply_staff
role lin IN ROLE imcomply_staff
role wang IN ROLE imcomply_staff
role ho IN ROLE imcomply_staff
role kao_dba IN ROLE imcomply_staff
role wu IN ROLE imcomply_county
role dba SUPERUSER
admin "INSERT INTO imcomply.offices (code, name, created_at) VALUES ('10008', '彰化', '2026-11-29T10:00:00+08:00'), ('10009', '員林', '2026-11-29T10:00:00+08:00')"
admin "INSERT INTO imcomply.journal_heads VALUES ('10008', 0, '$genesis', 0, '$genesis'), ('10009', 0, '$genesis', 0, '$genesis')"
admin "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('10008', 'chen', '陳大文', 'x'), ('10009', 'lin', '林美麗', 'x')"
admin "INSERT INTO imcomply.os_accounts (office, login, os_user, mapped_at) VALUES ('10008', 'chen', 'chen', 'x'), ('10009', 'lin', 'lin', 'x')"
admin "INSERT INTO imcomply.roles (office, login, role, granted_at, granted_by) VALUES ('10008', 'chen', 'admin', 'x', 'x'), ('10009', 'lin', 'admin', 'x', 'x')"

# Who each session is: its login role, through the os_accounts of its office.
sql chen "SELECT imcomply.session_office() || ',' || imcomply.acting_office() || ',' || imcomply.session_is_county()"
same "$(cat "$OUT")" "10008,10008,false" "chen is 10008's staff, acts for it, and is not the county"
sql wu "SELECT coalesce(imcomply.session_office(), 'none') || ',' || imcomply.session_is_county()"
same "$(cat "$OUT")" "none,true" "wu is no office's staff and is the county"
sql wang "SELECT coalesce(imcomply.session_office(), 'none') || ',' || coalesce(imcomply.acting_office(), 'none')"
same "$(cat "$OUT")" "none,none" "an unmapped staff role is no office's and acts for none"
sql wang "SELECT count(*) FROM office.users"
same "$(cat "$OUT")" "0" "and sees no office's rows"

# Each office's staff write their own office's rows, and only those.
sql chen "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('10008', 'wang', '王小明', 'x'); SELECT current_setting('imcomply.last_id')"
expect 0 "chen adds a user to his own office"
same "$(cat "$OUT")" "2" "without an id it gets the office's next one"
sql chen "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('10009', 'kao', '高志明', 'x')"
expect 1 "chen cannot add a user to another office"
err_has "row-level security" "the refusal names row-level security"
sql lin "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('10009', 'kao', '高志明', 'x')"
expect 0 "lin adds a user to her office"
sql chen "SELECT string_agg(office || ':' || login, ',' ORDER BY login) FROM imcomply.users"
same "$(cat "$OUT")" "10008:chen,10008:wang" "chen sees his office's users only"
sql lin "SELECT string_agg(office || ':' || login, ',' ORDER BY login) FROM imcomply.users"
same "$(cat "$OUT")" "10009:kao,10009:lin" "lin sees hers only"
sql chen "UPDATE imcomply.users SET name = 'x' WHERE office = '10009'"
sql wu "SELECT count(*) FROM imcomply.users WHERE name = 'x'"
same "$(cat "$OUT")" "0" "an update of another office's rows changes nothing (as the county, who sees them, reads)"
sql wu "SELECT count(*) FROM imcomply.users"
same "$(cat "$OUT")" "4" "the county reads every office"
sql wu "INSERT INTO imcomply.users (office, id, login, name, added_at) VALUES ('10008', 3, 'wu', '吳', 'x')"
expect 1 "the county writes no office's roster"
sql wu "UPDATE imcomply.users SET name = 'x'"
expect 1 "nor updates one"
err_has "permission denied" "the county's refusal is by privilege"
sql chen "SELECT version FROM imcomply.meta"
same "$(cat "$OUT")" "0" "staff read the schema's version"
sql chen "UPDATE imcomply.meta SET version = 9"
expect 1 "and cannot change it"

# Identity is the session's login role: nothing the session sets makes it another office.
sql chen "SET ROLE lin"
expect 1 "chen cannot become lin"
sql chen "SET SESSION AUTHORIZATION lin"
expect 1 "nor take lin's session"
sql chen "SET ROLE imcomply_county"
expect 1 "nor become the county"
sql chen "SET ROLE imcomply_staff; SELECT string_agg(login, ',' ORDER BY login) FROM imcomply.users"
same "$(cat "$OUT")" "chen,wang" "as the staff group he still sees only his office"
sql chen "SELECT set_config('imcomply.office', '10009', false); SELECT string_agg(login, ',' ORDER BY login) FROM imcomply.users"
same "$(tail -n 1 "$OUT")" "chen,wang" "a session setting changes nothing"
sql chen "SELECT set_config('imcomply.office', '10009', false); SELECT imcomply.acting_office() || ':' || string_agg(login, ',' ORDER BY login) FROM office.users"
same "$(tail -n 1 "$OUT")" "10008:chen,wang" "nor the office the views show him"

# The role mapping: a role is one office's staff, the first office's to map it.
sql chen "SELECT string_agg(office || ':' || os_user, ',') FROM imcomply.os_accounts"
same "$(cat "$OUT")" "10008:chen" "staff read their office's os_accounts only (enabled, not forced, RLS holds for them)"
sql wu "SELECT string_agg(office || ':' || os_user, ',' ORDER BY office) FROM imcomply.os_accounts"
same "$(cat "$OUT")" "10008:chen,10009:lin" "the county reads every office's"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('wang', 'wu', 'x')"
expect 1 "chen cannot map a county role into his office"
err_has "is the county's" "the refusal says why"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('wang', 'imcomply', 'x')"
expect 1 "nor a superuser"
err_has "is a superuser" "the refusal says why"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('wang', 'nobody_such', 'x')"
expect 0 "a role not made yet may be mapped, as an OS user not made yet may on a file"
admin "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'nobody_such') THEN
  CREATE ROLE nobody_such LOGIN IN ROLE imcomply_staff; END IF; END \$\$"
sql nobody_such "SELECT imcomply.session_office()"
same "$(cat "$OUT")" "10008" "once a DBA makes it, it acts for the office that mapped it"
admin "DELETE FROM imcomply.os_accounts WHERE os_user = 'nobody_such'"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('wang', 'lin', 'x')"
expect 1 "nor steal lin, whom 10009 mapped"
err_has "os_accounts_os_user_key" "the refusal is the global uniqueness of os_user"
sql lin "SELECT imcomply.session_office()"
same "$(cat "$OUT")" "10009" "lin is still 10009's"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('wang', 'wang', 'x'); SELECT current_setting('imcomply.last_id')"
expect 0 "chen maps the staff role wang to his login wang"
same "$(cat "$OUT")" "2" "through the view without an id, as the office's second"
sql wang "SELECT imcomply.session_office() || ':' || string_agg(login, ',' ORDER BY login) FROM office.users"
same "$(cat "$OUT")" "10008:chen,wang" "wang now acts for 10008"
admin "GRANT imcomply_county TO wang"
sql wang "SELECT imcomply.session_is_county() || ':' || (SELECT count(DISTINCT office) FROM imcomply.users)"
same "$(cat "$OUT")" "false:1" "a mapped role granted the county's group later is still its office's staff, not the county"
sql chen "UPDATE office.os_accounts SET mapped_at = 'y' WHERE login = 'wang'"
expect 0 "an update that keeps the role is no new mapping, and is not refused"
admin "REVOKE imcomply_county FROM wang"
sql lin "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('kao', 'wang', 'x')"
expect 1 "lin cannot take the role 10008 mapped first"
err_has "os_accounts_os_user_key" "the refusal is the global uniqueness of os_user"
sql chen "UPDATE office.os_accounts SET os_user = 'wu' WHERE login = 'wang'"
expect 1 "an update cannot turn a mapping into a county role's"
err_has "is the county's" "the refusal says why"
sql chen "DELETE FROM office.os_accounts WHERE login = 'wang'"
expect 1 "staff cannot delete a mapping"
err_has "permission denied" "by privilege"

# The journal: append-only, one chain per office, each record naming the session's role.
record() {  # record OFFICE SEQ PREV HASH [OS_USER [LEAVES ENTITY_ID]]
  echo "INSERT INTO imcomply.journal (office, seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format, leaves)
        VALUES ('$1', $2, '2026-11-29T10:00:00+08:00', 'chen', '${5:-chen}', 'acct.add', 'users', '${7:-1}', 'd', 's', '$3', '$4', 3, ${6:-NULL})"
}
sql chen "$(record 10008 1 "$genesis" "$h1" lin)"
expect 1 "a record naming another role than the session's is refused"
err_has "names os_user lin, but the session's role is chen" "the refusal says why"
sql wang "$(record 10008 1 "$genesis" "$h1" chen)"
expect 1 "wang cannot write a record as chen"
sql chen "$(record 10008 1 "$genesis" "$h1"); SELECT current_setting('imcomply.last_id')"
expect 0 "chen appends his office's first record"
same "$(cat "$OUT")" "1" "its seq is the last id, as the file's rowid"
sql chen "SELECT seq || ':' || hash FROM imcomply.journal_heads WHERE office = '10008'"
same "$(cat "$OUT")" "1:$h1" "the head moved on"
sql chen "$(record 10008 3 "$h1" "$genesis")"
expect 1 "a record that skips a seq is refused"
err_has "does not follow its head" "the refusal says why"
sql chen "$(record 10008 2 "$genesis" "$genesis")"
expect 1 "a record that does not follow the head's hash is refused"
err_has "does not follow its head" "the refusal says why"
sql chen "$(record 10009 1 "$genesis" "$h1")"
expect 1 "chen cannot append to another office's chain"
sql wu "$(record 10009 1 "$genesis" "$h1" wu)"
expect 1 "the county appends to no chain"
sql lin "$(record 10009 1 "$genesis" "$h1" lin)"
expect 0 "lin's office has a chain of its own"
for statement in "UPDATE imcomply.journal SET actor = 'x'" "DELETE FROM imcomply.journal" "TRUNCATE imcomply.journal" \
  "UPDATE imcomply.journal_heads SET seq = 0" "DELETE FROM imcomply.journal_heads" \
  "UPDATE office.journal SET actor = 'x'" "DELETE FROM office.journal"; do
  sql chen "$statement"
  expect 1 "staff may not: $statement"
  err_has "permission denied" "$statement is refused by privilege"
done
sql imcomply "SELECT string_agg(office || ':' || seq, ',' ORDER BY office, seq) FROM imcomply.journal"
same "$(cat "$OUT")" "10008:1,10009:1" "both chains are as written"

# What the programs see: the office views hold the file's columns, in the file's order; a row
# written through them lands in the writer's office, with its office's next id.
sql chen "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'office.users'::regclass AND attnum > 0"
same "$(cat "$OUT")" "id,login,name,title,unit,status,items,deputy,active_since,added_at" "office.users has the file's columns and no office"
sql chen "INSERT INTO office.users (login, name, added_at) VALUES ('huang', '黃', 'x'); SELECT current_setting('imcomply.last_id')"
expect 0 "chen adds a user through the view without an id"
same "$(cat "$OUT")" "3" "it is the office's third"
sql chen "SELECT id || '|' || login || '|' || status || '|' || items FROM office.users ORDER BY id"
same "$(tr '\n' ';' <"$OUT")" "1|chen|none|;2|wang|none|;3|huang|none|;" "chen reads his office through the view, with the file's defaults"
sql wu "SELECT string_agg(office || ':' || id || ':' || login, ',' ORDER BY office, id) FROM imcomply.users"
same "$(cat "$OUT")" "10008:1:chen,10008:2:wang,10008:3:huang,10009:1:lin,10009:2:kao" "the row took chen's office by default"
sql lin "SELECT string_agg(login, ',' ORDER BY login) FROM office.users"
same "$(cat "$OUT")" "kao,lin" "row-level security holds through the view"
conducted="(conducted_on, team, recorded_at, recorded_by) VALUES ('2026-11-29', 'chen', 'x', 'chen')"
sql chen "INSERT INTO office.audits_conducted $conducted; SELECT current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "1" "an office's first row of a table gets id 1"
sql lin "INSERT INTO office.audits_conducted $conducted; SELECT current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "1" "so does another office's, independently"
sql chen "INSERT INTO office.audits_conducted $conducted; SELECT current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "2" "the next row of the first office gets 2"
sql chen "INSERT INTO office.audits_conducted (id, conducted_on, team, recorded_at, recorded_by) VALUES (10, '2026-11-29', 'chen', 'x', 'chen'); SELECT current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "10" "an id given is the last id too"
sql chen "INSERT INTO office.audits_conducted (conducted_on, team, recorded_at, recorded_by) SELECT '2026-11-29', 'chen', 'x', 'chen' FROM generate_series(1, 3); SELECT current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "13" "the rows of one INSERT … SELECT count on from the highest, and the last is the last id"
sql chen "SELECT string_agg(id::text, ',' ORDER BY id) FROM office.audits_conducted"
same "$(cat "$OUT")" "1,2,10,11,12,13" "chen's office's ids, as a file's rowids would be"
sql lin "SELECT string_agg(id::text, ',' ORDER BY id) FROM office.audits_conducted"
same "$(cat "$OUT")" "1" "lin's office's, untouched"
sql chen "INSERT INTO office.audits_conducted (id, conducted_on, team, recorded_at, recorded_by) VALUES (2, '2026-11-29', 'chen', 'x', 'chen')"
expect 1 "an id the office has is refused"
sql chen "INSERT INTO office.journal (seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format)
          VALUES (2, 'x', 'chen', 'chen', 'acct.add', 'users', '2', 'd', 's', '$h1', '$h2', 3)"
expect 0 "a record appended through the view follows chen's chain"
sql chen "$(record 10008 3 "$h2" "$h3" chen 2 not-a-number)"
expect 0 "a batch record whose entity_id is not a number is still written (the index does not cast it)"
sql chen "$(record 10008 4 "$h3" "$h4" chen 3 7)"
sql chen "SELECT string_agg(seq::text, ',') FROM office.journal WHERE entity = 'users' AND leaves IS NOT NULL AND imcomply.entity_row(entity_id) BETWEEN 5 AND 9"
same "$(cat "$OUT")" "4" "batch records are found by their first row's number"
sql chen "SET enable_seqscan = off; EXPLAIN SELECT seq FROM office.journal WHERE entity = 'users' AND leaves IS NOT NULL AND imcomply.entity_row(entity_id) BETWEEN 5 AND 9"
out_has "journal_batches" "through the index journal_batches"
sql chen "INSERT INTO office.roles (login, role, granted_at, granted_by) VALUES ('wang', 'officer', 'x', 'chen'); DELETE FROM office.roles WHERE login = 'wang' AND role = 'officer'; SELECT count(*) FROM office.roles"
expect 0 "staff grant and revoke a role (DELETE on roles)"
same "$(cat "$OUT")" "1" "the revoked role is gone"
sql chen "DELETE FROM imcomply.roles WHERE office = '10009'"
sql wu "SELECT count(*) FROM imcomply.roles WHERE office = '10009'"
same "$(cat "$OUT")" "1" "but never another office's roles"
sql chen "DELETE FROM office.users WHERE login = 'huang'"
expect 1 "staff delete no other office table's rows"
err_has "permission denied" "by privilege"

# The tenant's creator (a DBA without a staff row) acts for its tenant, and only that one.
admin "INSERT INTO imcomply.offices (code, name, created_at, created_by) VALUES ('10010', '鹿港', 'x', 'kao_dba')"
admin "INSERT INTO imcomply.journal_heads VALUES ('10010', 0, '$genesis', 0, '$genesis')"
sql kao_dba "INSERT INTO office.users (login, name, added_at) VALUES ('kao', '高志明', 'x'); SELECT imcomply.acting_office() || ':' || current_setting('imcomply.last_id')"
same "$(cat "$OUT")" "10010:1" "with no setting, the creator of one tenant acts for it"
sql kao_dba "SET imcomply.office = '10010'; SELECT string_agg(login, ',') FROM office.users"
same "$(cat "$OUT")" "kao" "the creator writes and reads its tenant"
sql kao_dba "SET imcomply.office = '10008'; INSERT INTO office.users (id, login, name, added_at) VALUES (9, 'mole', '鼴', 'x')"
expect 1 "naming another tenant in the setting gets the creator nothing"
sql kao_dba "SET imcomply.office = '10008'; SELECT count(*) FROM office.users"
same "$(cat "$OUT")" "0" "nor lets it read that tenant (nor its own, which it did not name)"
sql kao_dba "INSERT INTO office.office (code, name, created_at) VALUES ('10011', '溪湖', 'x')"
expect 1 "only the owner creates a tenant"
err_has "permission denied" "by privilege"
sql chen "INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('huang', 'kao_dba', 'x')"
expect 1 "a tenant's creator cannot be mapped as an office's staff"
err_has "created a tenant" "the refusal says why"
sql wu "SET imcomply.office = '10009'; SELECT string_agg(login, ',' ORDER BY login) FROM office.users"
same "$(cat "$OUT")" "kao,lin" "a county role reads the one office it names through the views"
sql wu "SET imcomply.office = '10009'; INSERT INTO office.users (login, name, added_at) VALUES ('wu', '吳', 'x')"
expect 1 "and writes nothing there"

# acct init on the server, as a superuser DBA: the tenant through office.office, then its first
# rows through the views in the same transaction, the creator acting for the new tenant.
init() {  # init CODE NAME ADMIN CREATOR: acct init's statements, then what the session acts for and sees
  echo "SET search_path = office, pg_catalog; BEGIN;
  INSERT INTO office (id, code, name, created_at) VALUES (1, '$1', '$2', 'x');
  INSERT INTO users (login, name, added_at) VALUES ('$3', '何', 'x');
  INSERT INTO os_accounts (login, os_user, mapped_at) VALUES ('$3', '$3', 'x');
  INSERT INTO roles (login, role, granted_at, granted_by) VALUES ('$3', 'admin', 'x', '$4');
  INSERT INTO events (login, happened, kind, recorded_at, actor, os_user) VALUES ('$3', 'x', 'init', 'x', '$3', '$4');
  INSERT INTO journal (seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format)
    VALUES (1, 'x', '$3', '$4', 'acct.init', 'users', '1', 'd', 's', '$genesis', '$h1', 3);
  COMMIT;
  SELECT imcomply.acting_office() || ';' || (SELECT code || ':' || name || ':' || id FROM office) || ';' ||
         (SELECT string_agg(id || ':' || login, ',') FROM users)"
}
sql dba "$(init 10020 和美 ho dba)"
expect 0 "acct init's statements make a tenant through office.office"
same "$(cat "$OUT")" "10020;10020:和美:1;1:ho" "and the creator then acts for it"
sql wu "SELECT string_agg(o.created_by || ':' || h.seq || ':' || h.start_seq || ':' || (h.start_hash = '$genesis'), ',') FROM imcomply.offices o JOIN imcomply.journal_heads h ON h.office = o.code WHERE o.code = '10020'"
same "$(cat "$OUT")" "dba:1:0:true" "the tenant's creator is the session's role, its chain began at genesis and has its first record"
sql wu "SELECT (SELECT string_agg(os_user, ',') FROM imcomply.os_accounts WHERE office = '10020') || ';' || (SELECT string_agg(role, ',') FROM imcomply.roles WHERE office = '10020') || ';' || (SELECT count(*) FROM imcomply.events WHERE office = '10020')"
same "$(cat "$OUT")" "ho;admin;1" "its admin is mapped, granted and on the timeline"
sql ho "SELECT imcomply.session_office() || ':' || (SELECT name FROM office.office)"
same "$(cat "$OUT")" "10020:和美" "the admin's role acts for the new office"
sql ho "INSERT INTO office.office (code, name, created_at) VALUES ('10021', 'x', 'x')"
expect 1 "an office's staff creates no tenant"
err_has "permission denied" "by privilege"
sql dba "SELECT imcomply.acting_office()"
same "$(cat "$OUT")" "10020" "a new session of the creator of one tenant acts for it"
sql dba "SET imcomply.office = '10020'; INSERT INTO office.users (login, name, added_at) VALUES ('lee', '李', 'x');
         INSERT INTO office.os_accounts (login, os_user, mapped_at) VALUES ('lee', 'dba', 'x')"
expect 1 "the DBA cannot map itself, a superuser, as staff"
err_has "is a superuser" "the refusal says why"
sql dba "SET search_path = office, pg_catalog; INSERT INTO office (code, name, created_at) VALUES ('10021', '埔心', 'x');
         INSERT INTO users (login, name, added_at) VALUES ('yeh', '葉', 'x'); SELECT imcomply.acting_office() || ':' || string_agg(id || ':' || login, ',') FROM users"
same "$(tail -n 1 "$OUT")" "10021:1:yeh" "a second tenant by the same creator: the session acts for the new one, whose ids start at 1"
sql dba "SELECT coalesce(imcomply.acting_office(), 'none') || ':' || (SELECT count(*) FROM office.users) || ':' || (SELECT count(*) FROM office.office)"
same "$(cat "$OUT")" "none:0:0" "the creator of two tenants, naming neither, acts for none and sees nothing"
sql dba "SET imcomply.office = '10020'; SELECT string_agg(login, ',') || ':' || (SELECT code FROM office.office) FROM office.users"
same "$(cat "$OUT")" "ho:10020" "it names one, and sees that one's rows alone"
sql dba "SET imcomply.office = '10021'; SELECT string_agg(login, ',') || ':' || (SELECT code FROM office.office) FROM office.users"
same "$(cat "$OUT")" "yeh:10021" "or the other's"
sql dba "INSERT INTO office.office (id, code, name, created_at) VALUES (2, '10022', 'x', 'x')"
expect 1 "the office row's id is 1"
err_has "id is 1" "the refusal says why"
sql dba "BEGIN; INSERT INTO office.office (code, name, created_at) VALUES ('10023', 'x', 'x'); ROLLBACK; SELECT coalesce(imcomply.acting_office(), 'none') || ':' || (SELECT count(*) FROM imcomply.offices WHERE code = '10023')"
same "$(cat "$OUT")" "none:0" "an init rolled back leaves no tenant, and the session acts for it no longer"

# Personal rows leave only through the purge function, and only the caller's office's.
admin "INSERT INTO imcomply.imports (office, kind, file_name, digest, encoding, rows, added, imported_at, imported_by)
       VALUES ('10008', 'system', 'f', 'd', 'utf-8', 1, 1, 'x', 'chen'), ('10009', 'system', 'f', 'd', 'utf-8', 1, 1, 'x', 'lin')"
admin "INSERT INTO imcomply.usage_entries (office, login, item, purpose, login_at, recorded_at, recorded_by)
       VALUES ('10008', 'chen', 'entry-exit', 'p', 'a', 'x', 'chen'), ('10008', 'chen', 'entry-exit', 'p', 'b', 'x', 'chen'),
              ('10009', 'lin', 'entry-exit', 'p', 'a', 'x', 'lin')"
admin "INSERT INTO imcomply.obtained_data (office, entry_id, description, destroy_by, recorded_at, recorded_by)
       VALUES ('10008', 1, 'd', 'x', 'x', 'chen'), ('10009', 1, 'd', 'x', 'x', 'lin')"
admin "INSERT INTO imcomply.data_files (office, id, device, inode) VALUES ('10008', 1, 1, 1), ('10009', 1, 1, 1)"
admin "INSERT INTO imcomply.system_queries (office, import_id, queried_at, account, item, subject_hmac, subject_masked)
       VALUES ('10008', 1, 'x', 'chen', 'entry-exit', 'h', 'm'), ('10009', 1, 'x', 'lin', 'entry-exit', 'h', 'm')"
for table in usage_entries system_queries obtained_data data_files; do
  sql chen "DELETE FROM imcomply.$table"
  expect 1 "staff cannot delete $table"
done
sql chen "SELECT imcomply.purge_rows('usage_entries', ARRAY[1]::bigint[])"
expect 1 "an entry whose data is still there cannot go first"
sql chen "SELECT imcomply.purge_rows('data_files', ARRAY[1]::bigint[]) || ',' || imcomply.purge_rows('obtained_data', ARRAY[1]::bigint[]) || ',' ||
                 imcomply.purge_rows('usage_entries', ARRAY[1, 2]::bigint[]) || ',' || imcomply.purge_rows('system_queries', ARRAY[1]::bigint[])"
same "$(cat "$OUT")" "1,1,2,1" "the purge function deletes the office's due rows of the four kinds"
sql wu "SELECT (SELECT string_agg(office || ':' || id, ',') FROM imcomply.usage_entries) || ';' || (SELECT string_agg(office || ':' || id, ',') FROM imcomply.obtained_data) || ';' ||
               (SELECT string_agg(office || ':' || id, ',') FROM imcomply.data_files) || ';' || (SELECT string_agg(office || ':' || id, ',') FROM imcomply.system_queries)"
same "$(cat "$OUT")" "10009:1;10009:1;10009:1;10009:1" "and nothing of another office, whose rows have the same ids"
sql chen "SELECT imcomply.purge_rows('users', ARRAY[1]::bigint[])"
expect 1 "it deletes no other kind of row"
err_has "purge deletes no rows of users" "the refusal names the kind"
sql chen "SELECT imcomply.purge_rows('journal', ARRAY[1]::bigint[])"
expect 1 "nor journal records"
sql wu "SELECT imcomply.purge_rows('usage_entries', ARRAY[1]::bigint[])"
expect 1 "the county purges no office's rows"
sql kao_dba "SELECT imcomply.purge_rows('usage_entries', ARRAY[1]::bigint[])"
expect 0 "a tenant's creator purges for the office it acts for, as root runs purge on a file"
sql wu "SELECT imcomply.purge_rows('usage_entries', ARRAY[1]::bigint[])"
err_has "permission denied" "the county may not even call it"
sql chen "SELECT imcomply.purge_rows('journal_cut', ARRAY[1]::bigint[])"
expect 1 "the journal is cut only where a purge cut names the record"
err_has "only at a record that purge_cuts names" "the refusal says so"

# A DBA who is no superuser owns the store: row-level security is forced on it too, except on
# os_accounts, which the identity functions read as its owner, unfiltered, so that its own
# policies, which call them, do not recurse.
role central_owner CREATEDB
admin "GRANT imcomply_purger TO central_owner"
owned=central_access_owned
psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $owned" -c "CREATE DATABASE $owned OWNER central_owner" >"$OUT" 2>"$ERR" ||
  { echo "cannot create the second test database" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -U central_owner -d "$owned" --single-transaction \
  -f "$SOURCE/lib/schema/postgres/0001_central.sql" >"$OUT" 2>"$ERR"
RC=$?
expect 0 "the migration applies as a database owner who is no superuser (the roles made already)"
first_db=$db
db=$owned
sql central_owner "$(init 20001 福興 ho central_owner)"
expect 0 "the owner runs acct init's statements"
same "$(cat "$OUT")" "20001;20001:福興:1;1:ho" "and acts for the tenant it made"
sql ho "SELECT imcomply.session_office() || ':' || string_agg(login, ',') FROM office.users"
same "$(cat "$OUT")" "20001:ho" "its admin's role is its staff in this database (os_accounts read without recursion)"
sql ho "SELECT string_agg(os_user, ',') FROM office.os_accounts"
same "$(cat "$OUT")" "ho" "and reads its office's mappings through the view"
sql chen "SELECT coalesce(imcomply.session_office(), 'none')"
same "$(cat "$OUT")" "none" "a mapping belongs to its database: chen is no one's here"
admin "INSERT INTO imcomply.offices (code, name, created_at) VALUES ('20002', '秀水', 'x')"
admin "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('20002', 'chen', '陳大文', 'x')"
admin "INSERT INTO imcomply.os_accounts (office, login, os_user, mapped_at) VALUES ('20002', 'chen', 'chen', 'x')"
sql central_owner "INSERT INTO imcomply.users (office, login, name, added_at) VALUES ('20002', 'mole', '鼴', 'x')"
expect 1 "the owner writes no tenant it did not create (row-level security is forced on it)"
err_has "row-level security" "the refusal names row-level security"
sql central_owner "SELECT (SELECT count(*) FROM imcomply.users) || ':' || (SELECT count(*) FROM imcomply.os_accounts)"
same "$(cat "$OUT")" "1:2" "it reads its tenant's users alone, but every os_accounts row (enabled, not forced)"
sql chen "SELECT imcomply.session_office() || ':' || string_agg(login, ',') FROM office.users"
same "$(cat "$OUT")" "20002:chen" "chen is 20002's staff here"
db=$first_db

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE $db" -c "DROP DATABASE $owned" >/dev/null
finish
