#!/usr/bin/env bash
# The central store's access control (spec §10; lib/schema/postgres/0001_central.sql), on the
# throwaway cluster of tests/store/postgres-cluster.sh: two offices' staff and a county role, each
# a login role. Staff see and write only their office's rows, whatever they set in their session;
# the county reads every office; nobody updates, deletes or truncates the journal, whose records
# must follow their office's head; personal rows leave only through imcomply.purge_rows.
source "$(dirname "$0")/../cli/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
db=central_access
genesis=$(printf '0%.0s' $(seq 64))

# sql ROLE STATEMENTS: runs them as ROLE in the test database, keeping stdout, stderr and the exit code.
sql() {
  local role=$1
  shift
  psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$SOCKET" -U "$role" -d "$db" -c "$*" >"$OUT" 2>"$ERR"
  RC=$?
}
admin() { sql imcomply "$@"; [ "$RC" -eq 0 ] || { echo "setup failed: $*" >&2; cat "$ERR" >&2; exit 1; }; }

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >"$OUT" 2>"$ERR" ||
  { echo "cannot create the test database" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -U imcomply -d "$db" --single-transaction \
  -f "$SOURCE/lib/schema/postgres/0001_central.sql" >"$OUT" 2>"$ERR"
RC=$?
expect 0 "the migration applies to an empty database"

# Two offices and the county; each person a login role.
admin "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chen') THEN CREATE ROLE chen LOGIN IN ROLE imcomply_staff; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lin') THEN CREATE ROLE lin LOGIN IN ROLE imcomply_staff; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wu') THEN CREATE ROLE wu LOGIN IN ROLE imcomply_county; END IF;
END \$\$"
admin "INSERT INTO imcomply.offices (code, name, created_at) VALUES ('10008', '彰化', '2026-11-29T10:00:00+08:00'), ('10009', '員林', '2026-11-29T10:00:00+08:00')"
admin "INSERT INTO imcomply.people (role_name, office, login, county) VALUES ('chen', '10008', 'chen', false), ('lin', '10009', 'lin', false), ('wu', NULL, 'wu', true)"
admin "INSERT INTO imcomply.journal_heads VALUES ('10008', 0, '$genesis', 0, '$genesis'), ('10009', 0, '$genesis', 0, '$genesis')"

# Each office's staff write their own office's rows, and only those.
sql chen "INSERT INTO imcomply.users (office, id, login, name, added_at) VALUES ('10008', 1, 'chen', '陳大文', 'x')"
expect 0 "chen adds a user to his own office"
sql chen "INSERT INTO imcomply.users (office, id, login, name, added_at) VALUES ('10009', 2, 'kao', '高志明', 'x')"
expect 1 "chen cannot add a user to another office"
err_has "row-level security" "the refusal names row-level security"
sql lin "INSERT INTO imcomply.users (office, id, login, name, added_at) VALUES ('10009', 1, 'lin', '林美麗', 'x')"
expect 0 "lin adds a user to her office"
sql chen "SELECT string_agg(office || ':' || login, ',') FROM imcomply.users"
same "$(cat "$OUT")" "10008:chen" "chen sees his office's users only"
sql lin "SELECT string_agg(office || ':' || login, ',') FROM imcomply.users"
same "$(cat "$OUT")" "10009:lin" "lin sees hers only"
sql chen "UPDATE imcomply.users SET name = 'x' WHERE office = '10009'"
sql wu "SELECT count(*) FROM imcomply.users WHERE name = 'x'"
same "$(cat "$OUT")" "0" "an update of another office's rows changes nothing (as the county, who sees them, reads)"
sql wu "SELECT count(*) FROM imcomply.users"
same "$(cat "$OUT")" "2" "the county reads every office"
sql wu "INSERT INTO imcomply.users (office, id, login, name, added_at) VALUES ('10008', 3, 'wu', '吳', 'x')"
expect 1 "the county writes no office's roster"

# Identity is the session's login role: nothing the session sets makes it another office.
sql chen "SET ROLE lin"
expect 1 "chen cannot become lin"
sql chen "SET SESSION AUTHORIZATION lin"
expect 1 "nor take lin's session"
sql chen "SET ROLE imcomply_staff; SELECT string_agg(login, ',') FROM imcomply.users"
same "$(cat "$OUT")" "chen" "as the staff group he still sees only his office"
sql chen "SELECT set_config('imcomply.office', '10009', false); SELECT string_agg(login, ',') FROM imcomply.users"
same "$(tail -n 1 "$OUT")" "chen" "a session setting changes nothing"
sql chen "SELECT count(*) FROM imcomply.people"
expect 1 "staff cannot read the people table"

# The journal: append-only, one chain per office.
record() {  # record OFFICE SEQ PREV HASH
  echo "INSERT INTO imcomply.journal (office, seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format)
        VALUES ('$1', $2, '2026-11-29T10:00:00+08:00', 'chen', 'chen', 'acct.add', 'users', '1', 'd', 's', '$3', '$4', 3)"
}
h1=$(printf '1%.0s' $(seq 64))
sql chen "$(record 10008 1 "$genesis" "$h1")"
expect 0 "chen appends his office's first record"
sql chen "SELECT seq || ':' || hash FROM imcomply.journal_heads WHERE office = '10008'"
same "$(cat "$OUT")" "1:$h1" "the head moved on"
sql chen "$(record 10008 3 "$h1" "$genesis")"
expect 1 "a record that skips a seq is refused"
err_has "does not follow its head" "the refusal says why"
sql chen "$(record 10008 2 "$genesis" "$genesis")"
expect 1 "a record that does not follow the head's hash is refused"
sql chen "$(record 10009 1 "$genesis" "$h1")"
expect 1 "chen cannot append to another office's chain"
sql lin "$(record 10009 1 "$genesis" "$h1")"
expect 0 "lin's office has a chain of its own"
for statement in "UPDATE imcomply.journal SET actor = 'x'" "DELETE FROM imcomply.journal" "TRUNCATE imcomply.journal" \
  "UPDATE imcomply.journal_heads SET seq = 0" "DELETE FROM imcomply.journal_heads"; do
  sql chen "$statement"
  expect 1 "staff may not: $statement"
  err_has "permission denied" "$statement is refused by privilege"
done
sql imcomply "SELECT count(*) FROM imcomply.journal"
same "$(cat "$OUT")" "2" "both chains are as written"

# What the programs see: the office views hold the file's columns, in the file's order, and a row
# written through them lands in the writer's office.
sql chen "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'office.users'::regclass AND attnum > 0"
same "$(cat "$OUT")" "id,login,name,status,added_at" "office.users has the file's columns and no office"
sql chen "INSERT INTO office.users (id, login, name, added_at) VALUES (2, 'wang', '王小明', 'x'); SELECT * FROM office.users ORDER BY id"
same "$(tr '\n' ';' <"$OUT")" "1|chen|陳大文|none|x;2|wang|王小明|none|x;" "chen writes and reads his office through the view"
sql wu "SELECT string_agg(office || ':' || login, ',' ORDER BY office, id) FROM imcomply.users"
same "$(cat "$OUT")" "10008:chen,10008:wang,10009:lin" "the row took chen's office by default"
sql lin "SELECT string_agg(login, ',') FROM office.users"
same "$(cat "$OUT")" "lin" "row-level security holds through the view"
h2=$(printf '2%.0s' $(seq 64))
sql chen "INSERT INTO office.journal (seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format)
          VALUES (2, 'x', 'chen', 'chen', 'acct.add', 'users', '2', 'd', 's', '$h1', '$h2', 3)"
expect 0 "a record appended through the view follows chen's chain"
sql chen "UPDATE office.journal SET actor = 'x'"
expect 1 "the view is append-only too"

# The tenant's creator (a DBA without a staff row) acts for its tenant, and only that one.
admin "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kao_dba') THEN CREATE ROLE kao_dba LOGIN IN ROLE imcomply_staff; END IF;
END \$\$"
admin "INSERT INTO imcomply.offices (code, name, created_at, created_by) VALUES ('10010', '鹿港', 'x', 'kao_dba')"
sql kao_dba "SET imcomply.office = '10010'; INSERT INTO office.users (id, login, name, added_at) VALUES (1, 'kao', '高志明', 'x'); SELECT login FROM office.users"
same "$(cat "$OUT")" "kao" "the creator writes and reads its tenant"
sql kao_dba "SET imcomply.office = '10008'; INSERT INTO office.users (id, login, name, added_at) VALUES (9, 'mole', '鼴', 'x')"
expect 1 "naming another tenant in the setting gets the creator nothing"
sql kao_dba "SET imcomply.office = '10008'; SELECT count(*) FROM office.users"
same "$(cat "$OUT")" "0" "nor lets it read that tenant (nor its own, which it did not name)"
sql wu "SET imcomply.office = '10009'; SELECT string_agg(login, ',') FROM office.users"
same "$(cat "$OUT")" "lin" "a county role reads the one office it names through the views"
sql wu "SET imcomply.office = '10009'; INSERT INTO office.users (id, login, name, added_at) VALUES (5, 'wu', '吳', 'x')"
expect 1 "and writes nothing there"

# Personal rows leave only through the purge function, and only the caller's office's.
admin "INSERT INTO imcomply.usage_entries VALUES ('10008', 1, 'chen', 'entry-exit', 'p', 'a', 'b'), ('10008', 2, 'chen', 'entry-exit', 'p', 'a', 'b'), ('10009', 1, 'lin', 'entry-exit', 'p', 'a', 'b')"
sql chen "DELETE FROM imcomply.usage_entries"
expect 1 "staff cannot delete usage entries"
sql chen "SELECT imcomply.purge_rows('usage_entries', ARRAY[1, 2]::bigint[])"
same "$(cat "$OUT")" "2" "the purge function deletes the office's due rows"
sql wu "SELECT string_agg(office || ':' || id, ',') FROM imcomply.usage_entries"
same "$(cat "$OUT")" "10009:1" "and nothing of another office, whose row 1 has the same id"
sql chen "SELECT imcomply.purge_rows('users', ARRAY[1]::bigint[])"
expect 1 "it deletes no other kind of row"
sql wu "SELECT imcomply.purge_rows('usage_entries', ARRAY[1]::bigint[])"
expect 1 "the county purges no office's rows"

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE $db" >/dev/null
finish
