# Helpers for the end-to-end tests: run a built program as a script would, then check its
# exit code, stdout and stderr. Each test file sources this, calls `check …`, ends with `finish`.
set -u
BIN=${IMCOMPLY_BIN:?set IMCOMPLY_BIN to the directory of the built programs}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export IMCOMPLY_DB="$WORK/office.db"
export IMCOMPLY_NOW=2026-11-29T10:00:00+08:00
unset IMCOMPLY_CONFIG LANG LC_MESSAGES
export LC_ALL=C.UTF-8
passed=0
failed=0
OUT=$WORK/stdout
ERR=$WORK/stderr
RC=0

# run PROGRAM ARGS…: runs $BIN/PROGRAM, keeping stdout, stderr and the exit code.
run() {
  local program=$1
  shift
  "$BIN/$program" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

ok() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1" >&2
  echo "  exit code: $RC" >&2
  sed 's/^/  stdout: /' "$OUT" | head -20 >&2
  sed 's/^/  stderr: /' "$ERR" | head -20 >&2
}

# expect CODE NAME: the last run exited with CODE.
expect() { if [ "$RC" -eq "$1" ]; then ok; else fail "$2 (wanted exit $1)"; fi; }
# out_has TEXT NAME / err_has TEXT NAME / out_lacks TEXT NAME: fixed-string checks.
out_has() { if grep -qF -- "$1" "$OUT"; then ok; else fail "$2 (stdout lacks: $1)"; fi; }
err_has() { if grep -qF -- "$1" "$ERR"; then ok; else fail "$2 (stderr lacks: $1)"; fi; }
out_match() { if grep -qE -- "$1" "$OUT"; then ok; else fail "$2 (stdout does not match: $1)"; fi; }
out_lacks() { if grep -qF -- "$1" "$OUT"; then fail "$2 (stdout has: $1)"; else ok; fi; }
# err_one_line NAME: an error is one line `PROGRAM: error: …`, plus at most a hint line.
err_one_line() {
  if [ "$(grep -c ': error: ' "$ERR")" -eq 1 ] && [ "$(grep -vc ': hint: ' "$ERR")" -eq 1 ]; then ok; else fail "$1 (error is not one line)"; fi
}
# same TEXT1 TEXT2 NAME
same() { if [ "$1" == "$2" ]; then ok; else fail "$3 (\"$1\" != \"$2\")"; fi; }
# The store the test runs on: an SQLite file (the default), or with IMCOMPLY_TEST_STORE=postgres a
# database of its own on the central store's test cluster (tests/store/postgres-cluster.sh), the
# tenant made by acct init as the cluster's superuser, who acts for it as root does for a file.
STORE=${IMCOMPLY_TEST_STORE:-sqlite}
if [ "$STORE" = postgres ]; then
  PG_SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
  PG_PREFIX=imc_$$_$RANDOM
  PG_DATABASES=()
  trap 'for d in "${PG_DATABASES[@]}"; do psql -X -q -h "$PG_SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done; rm -rf "$WORK"' EXIT
fi
# new_store NAME: IMCOMPLY_DB names a new, empty store for the test: $WORK/NAME.db, or a new
# database on the test cluster.
new_store() {
  if [ "$STORE" = postgres ]; then
    PG_DATABASE=${PG_PREFIX}_$1
    psql -X -q -h "$PG_SOCKET" -U imcomply -d postgres -c "CREATE DATABASE $PG_DATABASE" >/dev/null ||
      { echo "cannot create the test database" >&2; exit 1; }
    PG_DATABASES+=("$PG_DATABASE")
    export IMCOMPLY_DB="postgresql:///$PG_DATABASE?host=$PG_SOCKET&user=imcomply"
  else
    export IMCOMPLY_DB="$WORK/$1.db"
  fi
}
# use_store NAME: IMCOMPLY_DB names the store new_store NAME made.
use_store() {
  if [ "$STORE" = postgres ]; then
    PG_DATABASE=${PG_PREFIX}_$1
    export IMCOMPLY_DB="postgresql:///$PG_DATABASE?host=$PG_SOCKET&user=imcomply"
  else
    export IMCOMPLY_DB="$WORK/$1.db"
  fi
}
if [ "$STORE" = postgres ]; then
  new_store office
  # The subject key has no database file to sit beside (imcomply(7), subject_key).
  echo "subject_key = \"$WORK/subject.key\"" >"$WORK/imcomply.toml"
fi
# subject_key: the file of the test store's subject key (imcomply(7), subject_key).
subject_key() { if [ "$STORE" = postgres ]; then echo "$WORK/subject.key"; else echo "$IMCOMPLY_DB.key"; fi; }
# db_sql SQL: runs SQL on the test's store, as the sqlite3 shell on a file or as the tenant's creator
# through the office's views (the same table names) on the central store.
db_sql() {
  if [ "$STORE" = postgres ]; then
    PGOPTIONS="-c search_path=office" psql -X -q -t -A -h "$PG_SOCKET" -U imcomply -d "$PG_DATABASE" -c "$1"
  else
    sqlite3 "$IMCOMPLY_DB" "$1"
  fi
}
# on_file: true on an SQLite file; a check of the file itself (its pages, the sqlite3 shell's
# tampering) runs only there.
on_file() { [ "$STORE" = sqlite ]; }
# snapshot: everything in the database, to show that a refused command wrote nothing.
snapshot() {
  if [ "$STORE" = postgres ]; then
    pg_dump -h "$PG_SOCKET" -U imcomply --data-only --schema=imcomply "$PG_DATABASE" 2>/dev/null | grep -v '^--\|^.restrict\|^.unrestrict' | sha256sum
  else
    sqlite3 "$IMCOMPLY_DB" .dump | sha256sum
  fi
}

# office: a database with chen as administrator, wang active since 2026-11-02 (entry-exit,foreigner),
# lin on the roster without an account.
office() {  # office [DAY]: the approvals dated DAY instead (for replays of earlier years)
  local applied=${1:-2026-11-01} active=${1:-2026-11-02}
  run acct init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文
  [ "$RC" -eq 0 ] || { echo "office setup failed" >&2; cat "$ERR" >&2; exit 1; }
  "$BIN/acct" --as chen add wang --name 王小明 --title 科員 >/dev/null &&
    "$BIN/acct" --as chen add lin --name 林美麗 >/dev/null &&
    "$BIN/acct" --as chen apply wang --items entry-exit,foreigner --date $applied >/dev/null &&
    "$BIN/acct" --as chen approve wang --stage head --date $applied >/dev/null &&
    "$BIN/acct" --as chen approve wang --stage county --date $applied >/dev/null &&
    "$BIN/acct" --as chen approve wang --stage agency --date $active --ref AG-1 >/dev/null ||
    { echo "office setup failed" >&2; exit 1; }
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
