#!/usr/bin/env bash
# acct migrate --to (spec §10): an office's file moves into the central store with one command, its
# journal still verifiable from the file's head, and the office keeps working with the same
# commands; a file that does not verify, a second move and a role that may not create offices are
# refused and write nothing.
source "$(dirname "$0")/../cli/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
db=central_migrate
server="postgresql:///$db?host=$SOCKET"
dba="$server&user=imcomply"
psql_as() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$SOCKET" -U "$1" -d "$db" -c "$2"; }
# tenants: how many offices the server holds (0 before its schema exists).
tenants() {
  if [ "$(psql_as imcomply "SELECT to_regclass('imcomply.offices') IS NULL")" = t ]; then echo 0
  else psql_as imcomply "SELECT count(*) FROM imcomply.offices"; fi
}
psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1 ||
  { echo "cannot create the test database" >&2; exit 1; }

# An office's file with five years behind it: an import of 2021, purged since, so that the
# journal's kept records start after a cut; this year's entries and a system log.
export IMCOMPLY_NOW=2021-01-04T10:00
office 2021-01-04
{
  echo "user,login,logout,item,purpose"
  for d in 05 06 07; do echo "wang,2021-01-$d 09:00,2021-01-$d 09:05,entry-exit,舊案查核"; done
} >"$WORK/2021.csv"
IMCOMPLY_NOW=2021-02-01T10:00 "$BIN/qlog" --as chen import "$WORK/2021.csv" >/dev/null || { echo "setup: import failed" >&2; exit 1; }
export IMCOMPLY_NOW=2026-11-29T10:00
"$BIN/qlog" --as wang add --item entry-exit --purpose 今年查核 --login "2026-11-20 09:00" --logout "2026-11-20 09:05" >/dev/null &&
  "$BIN/purge" --as chen >/dev/null || { echo "setup: purge failed" >&2; exit 1; }
"$BIN/acct" --as chen role chen --grant auditor >/dev/null &&
  "$BIN/audit" --as chen import "$SOURCE/examples/system-log-2026-11.csv" >/dev/null || { echo "setup: system log failed" >&2; exit 1; }
run audit verify
expect 0 "the office's file verifies before the move"
[ "$(sqlite3 "$IMCOMPLY_DB" 'SELECT min(seq) FROM journal')" -gt 1 ] && ok || fail "its journal starts after a purge cut"
file_head=$(sqlite3 "$IMCOMPLY_DB" "SELECT seq || ':' || hash FROM journal ORDER BY seq DESC LIMIT 1")
file_rows=$(sqlite3 "$IMCOMPLY_DB" "SELECT (SELECT count(*) FROM usage_entries) || '/' || (SELECT count(*) FROM system_queries) || '/' || (SELECT count(*) FROM journal)")
before=$(snapshot)

# Refused: a role that may not create offices, and a file whose journal does not verify.
psql_as imcomply "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'staff_mover') THEN
  CREATE ROLE staff_mover LOGIN; END IF; END \$\$" >/dev/null
run acct --as chen migrate --to "$server&user=imcomply" --db "$WORK/missing.db"
expect 6 "a missing file is refused before anything else"
run acct --as chen migrate --to "$server&user=staff_mover"
expect 4 "a role that may not create offices is refused"
err_one_line "in one line"
same "$(tenants)" "0" "and no tenant is made"
cp "$IMCOMPLY_DB" "$WORK/tampered.db" && chmod 600 "$WORK/tampered.db"
sqlite3 "$WORK/tampered.db" "UPDATE usage_entries SET purpose = '改過' WHERE purpose = '今年查核'"
run acct --db "$WORK/tampered.db" --as chen migrate --to "$dba"
expect 3 "a file whose journal does not verify is not moved"
err_has "does not verify" "the refusal says why"
same "$(tenants)" "0" "and nothing reaches the server"
run acct --as lin migrate --to "$dba"
expect 4 "only an administrator moves the office"

# The move.
run acct --as chen migrate --to "$dba"
expect 0 "the administrator moves the office with one command"
out_has "office moved to the central store" "and is told so"
out_has "intact" "the tenant verifies on the server"
out_has "$file_head" "its head is the file's"
same "$(snapshot)" "$before" "the file is left as it was"
same "$(psql_as imcomply "SELECT (SELECT count(*) FROM imcomply.usage_entries) || '/' || (SELECT count(*) FROM imcomply.system_queries) || '/' || (SELECT count(*) FROM imcomply.journal)")" \
  "$file_rows" "every entry, system query and journal record is there"
same "$(psql_as imcomply "SELECT start_seq + 1 = (SELECT min(seq) FROM imcomply.journal) FROM imcomply.journal_heads")" "t" \
  "the tenant's chain starts where the file's kept records start"

run acct --as chen migrate --to "$dba"
expect 3 "a second move of the same office is refused"
same "$(psql_as imcomply "SELECT count(*) FROM imcomply.journal")" "${file_rows##*/}" "and adds nothing"

# The office keeps working with the same commands.
export IMCOMPLY_DB="$dba"
run acct list
expect 0 "the roster reads from the central store"
out_has "王小明" "with the office's people"
run qlog --as wang add --item entry-exit --purpose 搬遷後查核 --login "2026-11-25 09:00" --logout "2026-11-25 09:05"
expect 0 "a query is logged on the central store"
run qlog list --from 2026-11-01 --to 2026-11-29
out_has "今年查核" "the moved entries are listed"
out_has "搬遷後查核" "beside the new one"
run audit verify
expect 0 "the journal verifies across the move"
psql_as imcomply "UPDATE imcomply.usage_entries SET purpose = '竄改' WHERE purpose = '今年查核'" >/dev/null
run audit verify
expect 1 "a moved row edited on the server is caught by the digest the file's journal gave it"

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1
finish
