#!/usr/bin/env bash
# The benchmark harness: each figure against a reference measured in the same run, on the same
# fixed-seed data. Usage: bench/run.sh [ROWS]   (default 100000 usage-log rows; RUNS=3)
# The county-scale run of issue 6: USERS=320 QUERIES=5 IMPORT_RUNS=1 bench/run.sh 2000000
# Prints a Markdown table (median, min, max of RUNS runs) for BENCHMARKS.md. Timings are never
# pass/fail: this is not part of ./run test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-100000}
runs=${RUNS:-3}
users=${USERS:-40}
queries=${QUERIES:-3}
import_runs=${IMPORT_RUNS:-$runs}
build=$root/build-release
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIMCOMPLY_TESTS=OFF -DIMCOMPLY_TEST_CLOCK=ON >/dev/null
cmake --build "$build" >/dev/null
bin=$build/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# DATA=DIR reuses files generate.py wrote before (with the same ROWS, USERS and QUERIES).
if [ -n "${DATA:-}" ]; then
  data=$DATA
else
  python3 "$root/bench/generate.py" "$work/data" --rows "$rows" --users "$users" --queries "$queries"
  data=$work/data
fi

# The office: every generated user active since 2021-01-04.
base=$work/base.db
export IMCOMPLY_NOW=2021-01-04T08:00
"$bin/acct" --db "$base" init --office 10008 --office-name 彰化 --admin admin --admin-name 管理員 >/dev/null
while read -r login name; do
  "$bin/acct" --db "$base" --as admin add "$login" --name "$name" >/dev/null
  "$bin/acct" --db "$base" --as admin apply "$login" --items entry-exit,mainland,foreigner >/dev/null
  for stage in head county agency; do "$bin/acct" --db "$base" --as admin approve "$login" --stage $stage >/dev/null; done
done <"$data/roster.txt"
"$bin/acct" --db "$base" --as admin role admin --grant auditor >/dev/null
export IMCOMPLY_NOW=2026-11-29T02:00

# time_ms CMD…: wall milliseconds and peak RSS (KiB) of one run, as "MS KIB".
time_ms() {
  local start end
  start=$(date +%s%N)
  local status=0
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/err" || status=$?
  # ALLOW_1=1: exit 1 is a finding, not a failure (audit monthly drafts findings and exits 1)
  if [ $status -ne 0 ] && ! { [ $status -eq 1 ] && [ -n "${ALLOW_1:-}" ]; }; then
    echo "failed ($status): $*" >&2
    cat "$work/err" >&2
    return 1
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$work/rss")"
}
# stats "MS…": median min max
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'; }
# bench NAME PREPARE CMD…: RUNS runs of CMD, each after PREPARE; sets MED MIN MAX RSS.
bench() {
  local prepare=$1
  shift
  local times=() rss=0 r
  for _ in $(seq "$runs"); do
    eval "$prepare"
    r=$(time_ms "$@")
    times+=("${r% *}")
    [ "${r#* }" -gt "$rss" ] && rss=${r#* }
  done
  read -r MED MIN MAX <<<"$(stats "${times[@]}")"
  RSS=$rss
}
row() {  # row NAME OURS_MED OURS_MIN OURS_MAX REF_MED RATIO_LABEL EXTRA
  printf '| %s | %s ms (%s–%s) | %s ms | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) a = 1; printf "%.2f", b / a }'; }

echo "Data: $rows usage-log rows ($(du -h "$data/usage-utf8.csv" | cut -f1) UTF-8), $((rows * queries)) system-log rows ($(du -h "$data/system-utf8.csv" | cut -f1)), $users users, seed 20261129."
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(sqlite3 --version | cut -d' ' -f1) shell as the reference."
echo
echo "| what | imcomply (median, min–max) | reference (median) | ratio | notes |"
echo "| --- | --- | --- | --- | --- |"

sqlite_import() {  # sqlite_import CSV: the sqlite3 shell's .import into a bare table
  rm -f "$work/bare.db"
  sqlite3 "$work/bare.db" "CREATE TABLE t (a, b, c, d, e, f)"
}
runs_saved=$runs
runs=$import_runs
for kind in usage-utf8 usage-big5; do
  bench 'cp "$base" "$work/db"; rm -f "$work/db-wal" "$work/db-shm"; chmod 600 "$work/db"' \
    "$bin/qlog" --db "$work/db" --as admin import "$data/$kind.csv"
  ours=($MED $MIN $MAX); ours_rss=$RSS
  if [ "$kind" = usage-utf8 ]; then
    bench 'sqlite_import' sqlite3 "$work/bare.db" ".import --csv --skip 1 $data/usage-utf8.csv t"
    ref=$MED
  fi
  r=$(ratio "$ref" "${ours[0]}")
  row "qlog import, $kind ($rows rows)" "${ours[@]}" "$ref" "$(awk -v r="$r" 'BEGIN {printf "%.2f× the speed", 1 / r}')" \
    "$(( rows * 1000 / (ours[0] + 1) )) rows/s; peak $((ours_rss / 1024)) MiB"
done
cp "$work/db" "$work/full.db"

# The floor the schema sets: the same rows moved by SQL alone (no parsing, no checks, no journal)
# into usage_entries with its natural-key and time indexes and foreign keys, as the program opens it.
bench 'cp "$base" "$work/db"; rm -f "$work/db-wal" "$work/db-shm"; chmod 600 "$work/db"' \
  sqlite3 "$work/db" "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;
    ATTACH '$work/bare.db' AS b; BEGIN;
    INSERT INTO imports VALUES (1, 'usage', 'f', 'd', 'utf-8', 0, 0, '2026-11-29T02:00:00+08:00', 'admin');
    INSERT INTO usage_entries (login, item, purpose, basis, case_ref, login_at, logout_at, import_id, recorded_at, recorded_by)
      SELECT a, CASE substr(d, 1, 2) WHEN '入出' THEN 'entry-exit' WHEN '大陸' THEN 'mainland' ELSE 'foreigner' END,
             e, NULL, f, replace(b, ' ', 'T') || '+08:00', replace(c, ' ', 'T') || '+08:00', 1,
             '2026-11-29T02:00:00+08:00', 'admin' FROM b.t;
    COMMIT;"
row "SQL alone into the usage schema ($rows rows)" "$MED" "$MIN" "$MAX" "$ref" \
  "$(awk -v a="$MED" -v b="$ref" 'BEGIN {printf "%.2f× the speed", b / a}')" "the ceiling the schema's indexes and foreign keys set"

bench 'cp "$work/full.db" "$work/db"; rm -f "$work/db-wal" "$work/db-shm"; chmod 600 "$work/db"; rm -f "$work/db.key"' \
  "$bin/audit" --db "$work/db" --as admin import "$data/system-utf8.csv"
ours=($MED $MIN $MAX); ours_rss=$RSS
bench 'rm -f "$work/bare.db"; sqlite3 "$work/bare.db" "CREATE TABLE t (a, b, c, d, e, f)"' \
  sqlite3 "$work/bare.db" ".import --csv --skip 1 $data/system-utf8.csv t"
row "audit import, system log ($((rows * queries)) rows)" "${ours[@]}" "$MED" \
  "$(awk -v a="${ours[0]}" -v b="$MED" 'BEGIN {printf "%.2f× the speed", b / a}')" \
  "$(( rows * queries * 1000 / (ours[0] + 1) )) rows/s; HMAC per subject; peak $((ours_rss / 1024)) MiB"
cp "$work/db" "$work/full.db"
runs=$runs_saved

RUNS_SAVED=$runs
runs=$(( runs * 3 ))
bench ':' sqlite3 "$work/full.db" "SELECT 1"
ref=$MED
bench ':' "$bin/acct" --db "$work/full.db" due
row "acct due (cron)" $MED $MIN $MAX "$ref" "$(ratio "$ref" "$MED")× the time" "against sqlite3 DB 'SELECT 1'"
bench ':' "$bin/purge" --db "$work/full.db" --dry-run
row "purge --dry-run (cron)" $MED $MIN $MAX "$ref" "$(ratio "$ref" "$MED")× the time" "counting the rows due, without deleting"
runs=$RUNS_SAVED

bench ':' "$bin/audit" --db "$work/full.db" report --by user --from 2026-01-01 --to 2026-10-31
ours=($MED $MIN $MAX)
bench ':' sqlite3 "$work/full.db" "SELECT account, count(*) FROM system_queries WHERE queried_at >= '2026-01-01' AND queried_at < '2026-11-01' GROUP BY account; SELECT login, count(*) FROM usage_entries WHERE login_at >= '2026-01-01' AND login_at < '2026-11-01' GROUP BY login"
row "audit report --by user, 2026" "${ours[@]}" "$MED" "$(ratio "$MED" "${ours[0]}")× the time" "hand-written GROUP BY in the shell"

ALLOW_1=1 bench ':' "$bin/audit" --db "$work/full.db" monthly --month 2026-10 --format json
ours=($MED $MIN $MAX)
month="queried_at >= '2026-10-01' AND queried_at < '2026-11-01'"
counts="SELECT account, count(*) FROM system_queries WHERE $month GROUP BY 1;
  SELECT item, count(*) FROM system_queries WHERE $month GROUP BY 1;
  SELECT substr(queried_at, 12, 2), count(*) FROM system_queries WHERE $month GROUP BY 1;
  SELECT strftime('%w', substr(queried_at, 1, 10)), count(*) FROM system_queries WHERE $month GROUP BY 1;"
bench ':' sqlite3 "$work/full.db" "$counts"
row "audit monthly, one month: its counts alone" "${ours[@]}" "$MED" "$(ratio "$MED" "${ours[0]}")× the time" \
  "against only the four GROUP BYs of its usage summary"
# The draft's other reads by hand: subjects several accounts looked at, and the queries no usage
# entry of the same user covers (sessions up to an hour, through the time index).
bench ':' sqlite3 "$work/full.db" "$counts
  SELECT subject_masked, group_concat(DISTINCT account) FROM system_queries WHERE $month
    GROUP BY subject_hmac HAVING count(DISTINCT account) >= 2;
  SELECT count(*) FROM system_queries q WHERE q.$month AND NOT EXISTS (
    SELECT 1 FROM usage_entries e INDEXED BY usage_entries_by_time
    WHERE e.login_at >= strftime('%Y-%m-%dT%H:%M:%S+08:00', substr(q.queried_at, 1, 19), '-1 hour')
      AND e.login_at <= q.queried_at AND e.login = q.account AND e.logout_at >= q.queried_at);"
row "audit monthly, one month" "${ours[@]}" "$MED" "$(ratio "$MED" "${ours[0]}")× the time" \
  "against its equivalent by hand: the four counts, subjects several accounts looked at, and the reconciliation"

bench ':' "$bin/audit" --db "$work/full.db" verify
ours=($MED $MIN $MAX)
records=$(sqlite3 "$work/full.db" "SELECT count(*) FROM journal")
bench ':' openssl dgst -sha256 "$work/full.db"
row "audit verify ($records records)" "${ours[@]}" "$MED" "$(ratio "$MED" "${ours[0]}")× the time" \
  "openssl dgst -sha256 over the $(du -h "$work/full.db" | cut -f1) file"

verify_med=${ours[0]}

# county (issue 14): collecting one office's monthly file (a private copy, the office's own verify,
# the counts and Annex 3 answers) against that office's own audit verify of the same file.
county_db=$work/county.db
"$bin/county" --db "$county_db" init --county 10000 --name 彰化縣政府民政處 --admin lin --admin-name 林書記 >/dev/null
"$bin/county" --db "$county_db" --as lin office add 10008 --name 彰化 >/dev/null
bench 'rm -f "$work/county-run.db" "$work/county-run.db-wal" "$work/county-run.db-shm"; cp "$county_db" "$work/county-run.db"' \
  "$bin/county" --db "$work/county-run.db" --as lin collect "$work/full.db"
row "county collect, one office's file ($records records)" "$MED" "$MIN" "$MAX" "$verify_med" \
  "$(ratio "$verify_med" "$MED")× the time" "against the office's own audit verify of the same file; peak $((RSS / 1024)) MiB"
# county status over 26 offices (Changhua has 26 townships), each collected once.
for k in $(seq 1 26); do
  code=$((10100 + k))
  "$bin/acct" --db "$work/office-$k.db" init --office "$code" --office-name "鄉鎮$k" --admin admin --admin-name 管理員 >/dev/null
  "$bin/county" --db "$county_db" --as lin office add "$code" --name "鄉鎮$k" >/dev/null
  "$bin/county" --db "$county_db" --as lin collect "$work/office-$k.db" >/dev/null 2>&1 || true  # findings exit 1
done
runs=$(( runs * 3 ))
bench ':' sqlite3 "$county_db" "SELECT 1"
ref=$MED
ALLOW_1=1 bench ':' "$bin/county" --db "$county_db" status
row "county status, 26 offices" $MED $MIN $MAX "$ref" "$(ratio "$ref" "$MED")× the time" "against sqlite3 DB 'SELECT 1'"
runs=$RUNS_SAVED

# purge of everything past five years, with an officer writing meanwhile: each `qlog open` and
# `qlog close` is one write command, timed alone; its uncontended time is measured first.
cp "$work/full.db" "$work/db"; rm -f "$work/db-wal" "$work/db-shm"; chmod 600 "$work/db"
sync  # the copy's dirty pages go out first: the officer's fsyncs must not queue behind them
due=$("$bin/purge" --db "$work/db" --dry-run --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(c["count"] for c in d["counts"]))')
officer() {  # officer N: one open and one close in minute N from 2026-11-20 on; prints the two times in ms
  local s m at
  # A minute of its own for every N (a county purge outlasts a day of them: the times must not repeat).
  at=$(date -u -d "@$(( $(date -u -d '2026-11-20 00:00' +%s) + $1 * 60 ))" '+%Y-%m-%d %H:%M')
  s=$(date +%s%N)
  "$bin/qlog" --db "$work/db" --as u000 open --item entry-exit --purpose 並行 --at "$at:00" >/dev/null 2>&1 || echo "open $1" >>"$work/officer-failed"
  m=$(date +%s%N)
  "$bin/qlog" --db "$work/db" --as u000 close --user u000 --at "$at:30" >/dev/null 2>&1 || echo "close $1" >>"$work/officer-failed"
  echo $(( (m - s) / 1000000 )) $(( ($(date +%s%N) - m) / 1000000 ))
}
# p99 and slowest of a list of milliseconds
tail_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {i = int(NR * 0.99); if (i < 1) i = 1; print a[i], a[NR], NR}'; }
: >"$work/officer-failed"  # the officer's failed commands, uncontended or not
alone=()
for n in $(seq 1 100); do read -r a b <<<"$(officer "$n")"; alone+=("$a" "$b"); done
read -r alone_p99 alone_max alone_n <<<"$(tail_of "${alone[@]}")"
(
  n=100
  while [ ! -f "$work/purge-done" ]; do
    n=$((n + 1))
    officer "$n"
  done >"$work/during"
) &
writer=$!
start=$(date +%s%N)
"$bin/purge" --db "$work/db" --as admin --format json >"$work/purge.json"
end=$(date +%s%N)
touch "$work/purge-done"
wait $writer
read -r p99 worst n <<<"$(tail_of $(cat "$work/during"))"
# A failed command is fast and would flatter the figures: the row says how many there were.
failed=$(wc -l <"$work/officer-failed")
longest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"]["longest_batch_ms"])' "$work/purge.json")
row "purge of $due expired rows" "$(( (end - start) / 1000000 ))" "-" "-" "-" "-" \
  "longest batch lock ${longest} ms; a concurrent officer's write commands: p99 ${p99} ms, slowest ${worst} ms over ${n} (uncontended: p99 ${alone_p99} ms, slowest ${alone_max} ms over ${alone_n}); ${failed} of them failed"
"$bin/audit" --db "$work/db" verify >/dev/null || echo "audit verify failed after the purge" >&2

# The nightly case the target is about: purge --dry-run when nothing is due (the database just purged).
runs=$(( runs * 3 ))
bench ':' sqlite3 "$work/db" "SELECT 1"
ref=$MED
bench ':' "$bin/purge" --db "$work/db" --dry-run
row "purge --dry-run, nothing due (cron)" $MED $MIN $MAX "$ref" "$(ratio "$ref" "$MED")× the time" "on the database just purged"
