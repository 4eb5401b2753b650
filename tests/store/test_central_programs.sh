#!/usr/bin/env bash
# The office programs on the central store (spec §10), run as a script would, against the
# throwaway cluster of tests/store/postgres-cluster.sh: a DBA creates two offices with acct init,
# each office's staff then work as their own database role (the caller is the session's role), and
# neither office sees the other's rows; the journal records the role and verifies as on a file.
source "$(dirname "$0")/../cli/lib.sh"
SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
db=central_programs
unset IMCOMPLY_DB
server="postgresql:///$db?host=$SOCKET"
dba="$server&user=imcomply"

# psql_as ROLE SQL: a statement as ROLE in the test database, its rows on stdout.
psql_as() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$SOCKET" -U "$1" -d "$db" -c "$2"; }
# as ROLE PROGRAM ARGS…: a program run by the person whose database role is ROLE.
as() {
  local role=$1 program=$2
  shift 2
  run "$program" --db "$server&user=$role" "$@"
}

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null ||
  { echo "cannot create the test database" >&2; exit 1; }

# The database has no imcomply schema yet: a staff command says so, and creates nothing.
run acct --db "$server&user=imcomply" list
expect 6 "a command on an empty database is refused"
err_has "holds no imcomply central store" "the refusal says what is missing"
err_has "acct init --db URI" "and how a DBA creates the first office"
err_one_line "the refusal is one line and a hint"
same "$(psql_as imcomply "SELECT count(*) FROM pg_namespace WHERE nspname = 'imcomply'")" "0" "the refused command made no schema"

# Each person is a login role, which the DBA makes before an office maps it.
for role in staff_chen staff_kao staff_lin staff_wu staff_stranger; do
  psql_as imcomply "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN; END IF; END \$\$" >/dev/null
done

# A DBA creates the first office; the schema is made on the way.
run acct init --db "$dba" --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 --admin-os-user staff_chen
expect 0 "the DBA creates office 10008 on the server"
same "$(psql_as imcomply "SELECT code || ':' || name || ':' || created_by FROM imcomply.offices")" "10008:彰化:imcomply" \
  "the tenant is recorded with the role that created it"
run acct init --db "$dba" --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 --admin-os-user staff_chen
expect 3 "a second init of the same office is refused"
same "$(psql_as imcomply "SELECT count(*) FROM imcomply.users")" "1" "and adds nothing"

# The people are login roles the DBA makes, made members of imcomply_staff once the schema is
# there (docs/central-store.md, "Roles").
for role in staff_chen staff_kao staff_lin staff_wu staff_stranger; do
  psql_as imcomply "GRANT imcomply_staff TO $role" >/dev/null
done

as staff_chen acct list
expect 0 "the office's administrator works as his own role"
out_has "chen" "and sees himself on the roster"
as staff_chen acct add kao --name 高志明 --os-user staff_kao
expect 0 "the administrator adds a member of staff mapped to her role"
as staff_kao acct add wu --name 吳
expect 4 "a member of staff without admin may not add users"
as staff_kao acct --as chen add wu --name 吳
expect 4 "nor act --as the administrator"
err_has "may not act --as chen" "the refusal names the --as"

# A second office, by the same DBA: the DBA then names the office it works on.
run acct init --db "$dba" --office 10009 --office-name 員林 --admin lin --admin-name 林美麗 --admin-os-user staff_lin
expect 0 "the DBA creates office 10009"
run acct --db "$dba" list
expect 6 "the creator of two offices must say which it works on"
err_has "works for no office" "the refusal says so"
run acct --db "$dba&office=10009" list
expect 0 "the creator names the office in the URI"
out_has "lin" "and sees that office's roster"
out_lacks "chen" "and not the other's"
run acct --db "$dba&office=10008" --as chen add wu --name 吳美玲 --os-user staff_wu
expect 0 "the creator may act --as anyone of its office, as root on a file"
same "$(psql_as imcomply "SELECT actor || ':' || os_user FROM imcomply.journal WHERE office = '10008' AND entity = 'users' ORDER BY seq DESC LIMIT 1")" \
  "chen:imcomply" "the journal records the actor and the role that really ran it"

as staff_lin acct list
expect 0 "the other office's administrator lists her roster"
out_has "lin" "she sees herself"
out_lacks "kao" "and none of 10008's staff"
as staff_lin acct show kao
expect 3 "another office's user is unknown to her"

as staff_stranger acct list
expect 6 "a role no office maps is refused"
err_has "works for no office" "the refusal says the role works for no office"
err_has "staff_stranger" "and names the role"

# Everyday work: usage entries and their journal, on each office's own chain.
as staff_chen acct apply kao --items entry-exit --date 2026-11-01
expect 0 "the administrator files an application"
for stage in head county; do
  as staff_chen acct approve kao --stage $stage --date 2026-11-01
  expect 0 "the $stage stage is recorded"
done
as staff_chen acct approve kao --stage agency --date 2026-11-02 --ref AG-1
expect 0 "the agency stage activates the account"
as staff_kao qlog add --item entry-exit --purpose 查核 --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 0 "a member of staff logs a query as herself"
as staff_kao qlog list
expect 0 "and lists the log"
out_has "查核" "her entry is there"
as staff_lin qlog list
expect 0 "the other office lists its log"
out_lacks "查核" "and does not see 10008's entry"
same "$(psql_as staff_lin "SELECT count(*) FROM imcomply.usage_entries")" "0" \
  "nor can the other office's role read it with psql"
same "$(psql_as imcomply "SELECT os_user FROM imcomply.journal WHERE office = '10008' AND entity = 'usage_entries'")" \
  "staff_kao" "the journal records the role that logged it"

as staff_chen audit verify
expect 0 "office 10008's journal verifies"
as staff_lin audit verify
expect 0 "office 10009's journal verifies"

# The schema is what the migrations made: a grant or trigger added behind the views shows.
psql_as imcomply "GRANT DELETE ON imcomply.usage_entries TO imcomply_staff" >/dev/null
as staff_lin audit verify
expect 1 "a privilege granted behind the programs' back is caught"
out_has "schema: catalog imcomply differs from what the migrations make" "naming the schema"
psql_as imcomply "REVOKE DELETE ON imcomply.usage_entries FROM imcomply_staff" >/dev/null
psql_as imcomply "CREATE FUNCTION imcomply.nothing() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NULL; END \$\$;
  CREATE TRIGGER drop_quietly BEFORE INSERT ON imcomply.system_queries FOR EACH ROW EXECUTE FUNCTION imcomply.nothing()" >/dev/null
as staff_lin audit verify
expect 1 "so is a trigger that would drop rows"
psql_as imcomply "DROP TRIGGER drop_quietly ON imcomply.system_queries; DROP FUNCTION imcomply.nothing()" >/dev/null
as staff_lin audit verify
expect 0 "and once undone the schema is the migrations' again"

# Tampering shows: a superuser edits a row behind the programs' back.
psql_as imcomply "UPDATE imcomply.users SET name = '王' WHERE office = '10008' AND login = 'kao'" >/dev/null
as staff_chen audit verify
expect 1 "verify finds the edited row"
out_has "users" "and names its table"
as staff_lin audit verify
expect 0 "the other office's chain is untouched"

# One office's writers queue on its own lock; another office never waits on it. A session holds
# 10008's write lock (as a long command would) while each office writes.
( psql -X -q -h "$SOCKET" -U imcomply -d "$db" \
    -c "BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('imcomply office 10008', 0)); SELECT pg_sleep(6); COMMIT;" \
    >/dev/null 2>&1 ) &
holder=$!
sleep 1
started=$(date +%s)
as staff_lin acct --wait 2 add hsu --name 許功蓋
expect 0 "office 10009 writes while 10008's lock is held"
[ $(( $(date +%s) - started )) -lt 4 ] && ok || fail "without waiting for it"
as staff_chen acct --wait 1 add hsu --name 許功蓋
expect 5 "office 10008's writer waits --wait for its own lock, then is busy"
err_has "past --wait" "the message says so"
as staff_chen acct show hsu
expect 3 "and wrote nothing"
wait $holder

# The journal is append-only for staff.
psql -X -q -h "$SOCKET" -U staff_chen -d "$db" -c "DELETE FROM imcomply.journal" >"$OUT" 2>"$ERR"
RC=$?
expect 1 "staff may not delete the journal"
same "$(psql_as imcomply "SELECT count(*) > 0 FROM imcomply.journal WHERE office = '10008'")" "t" "and it stays"

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE $db" >/dev/null 2>&1
finish
