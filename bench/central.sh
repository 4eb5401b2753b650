#!/usr/bin/env bash
# The central store's benchmarks (issue 15 §7), each against a reference measured in the same run
# on the same fixed-seed data: qlog import into a tenant against psql's \copy of the same file
# into a bare table, and against the same import into an office's file; audit verify of the tenant
# against the file's. Its own throwaway cluster (tests/store/postgres-cluster.sh), as the tests.
# Usage: bench/central.sh [ROWS]   (default 20000 usage-log rows; RUNS=3). Timings are never
# pass/fail: this is not part of ./run test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-20000}
runs=${RUNS:-3}
users=${USERS:-40}
build=$root/build-release
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIMCOMPLY_TESTS=OFF -DIMCOMPLY_TEST_CLOCK=ON >/dev/null
cmake --build "$build" >/dev/null
bin=$build/bin
work=$(mktemp -d)
cluster=$work/pg
[ "$(id -u)" -eq 0 ] && chmod 755 "$work"
bash "$root/tests/store/postgres-cluster.sh" start "$cluster"
trap 'bash "$root/tests/store/postgres-cluster.sh" stop "$cluster"; rm -rf "$work"' EXIT
socket=$cluster/socket
python3 "$root/bench/generate.py" "$work/data" --rows "$rows" --users "$users" --queries 1 >/dev/null
data=$work/data
psql_do() { psql -X -q -h "$socket" -U imcomply "$@" >/dev/null; }

# office DB: a roster of the generated users, every one active since 2021-01-04.
office() {
  local db=$1
  export IMCOMPLY_NOW=2021-01-04T08:00
  "$bin/acct" --db "$db" init --office 10008 --office-name 彰化 --admin admin --admin-name 管理員 >/dev/null
  while read -r login name; do
    "$bin/acct" --db "$db" --as admin add "$login" --name "$name" >/dev/null
    "$bin/acct" --db "$db" --as admin apply "$login" --items entry-exit,mainland,foreigner >/dev/null
    for stage in head county agency; do "$bin/acct" --db "$db" --as admin approve "$login" --stage $stage >/dev/null; done
  done <"$data/roster.txt"
  export IMCOMPLY_NOW=2026-11-29T02:00
}
# A template database holding the office, copied for each run (CREATE DATABASE … TEMPLATE).
psql_do -d postgres -c "CREATE DATABASE office_template"
office "postgresql:///office_template?host=$socket&user=imcomply"
psql_do -d postgres -c "ALTER DATABASE office_template WITH IS_TEMPLATE true"
office "$work/base.db"

ms() {  # ms CMD…: wall milliseconds of one run
  local start
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || { [ $? -eq 1 ] && [ -n "${ALLOW_1:-}" ]; } || { cat "$work/err" >&2; return 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fresh_tenant() { psql_do -d postgres -c "DROP DATABASE IF EXISTS run WITH (FORCE)" -c "CREATE DATABASE run TEMPLATE office_template"; }
tenant="postgresql:///run?host=$socket&user=imcomply"

server=() file=() copy=() verify_server=() verify_file=()
for _ in $(seq "$runs"); do
  fresh_tenant
  server+=("$(ms "$bin/qlog" --db "$tenant" --as admin import "$data/usage-utf8.csv")")
  verify_server+=("$(ms "$bin/audit" --db "$tenant" verify)")
  cp "$work/base.db" "$work/db"; rm -f "$work/db-wal" "$work/db-shm"; chmod 600 "$work/db"
  file+=("$(ms "$bin/qlog" --db "$work/db" --as admin import "$data/usage-utf8.csv")")
  verify_file+=("$(ms "$bin/audit" --db "$work/db" verify)")
  psql_do -d run -c "DROP TABLE IF EXISTS bare" -c "CREATE TABLE bare (a text, b text, c text, d text, e text, f text)"
  copy+=("$(ms psql -X -q -h "$socket" -U imcomply -d run -c "\\copy bare FROM '$data/usage-utf8.csv' WITH (FORMAT csv, HEADER true)")")
done
s=$(median "${server[@]}") f=$(median "${file[@]}") c=$(median "${copy[@]}")
vs=$(median "${verify_server[@]}") vf=$(median "${verify_file[@]}")
records=$(psql -X -q -t -A -h "$socket" -U imcomply -d run -c "SELECT count(*) FROM imcomply.journal")

echo "Data: $rows usage-log rows, $users users, seed 20261129; PostgreSQL $(psql --version | awk '{print $3}') on a Unix socket (fsync off, as the tests' cluster)."
echo "Machine: $(nproc) cores. Median of $runs runs."
echo
echo "| what | imcomply (median) | reference (median) | ratio | notes |"
echo "| --- | --- | --- | --- | --- |"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) a = 1; printf "%.2f", b / a }'; }
echo "| qlog import into a tenant ($rows rows) | $s ms | $c ms | $(ratio "$s" "$c")× the speed | against psql \\copy of the file into a bare table; $(( rows * 1000 / (s + 1) )) rows/s |"
echo "| qlog import into a tenant ($rows rows) | $s ms | $f ms | $(ratio "$s" "$f")× the speed | against the same import into the office's file |"
echo "| audit verify of the tenant ($records records) | $vs ms | $vf ms | $(ratio "$vf" "$vs")× the time | against audit verify of the same office's file |"
