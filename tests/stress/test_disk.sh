#!/usr/bin/env bash
# Disk full and I/O errors, without mounting anything: a file-size limit (`ulimit -f`, with SIGXFSZ
# ignored so that the program sees EFBIG) on commands that grow the database or write a new file,
# and directories the program may not write. Each must exit 6 with one line `PROGRAM: error: …`,
# write nothing (or, for the batched purge, only whole batches, each accounted for) and leave
# nothing behind; afterwards, without the limit, the database opens, `audit verify` passes and
# integrity_check says ok.
#
# Knobs: IMCOMPLY_STRESS_BIG_ROWS (8000: rows of the file imported under the limit),
#        IMCOMPLY_STRESS_LIMIT_KB (1024: the file-size limit, KiB).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
source "$here/stress_lib.sh"
big_rows=${IMCOMPLY_STRESS_BIG_ROWS:-8000}
limit_kb=${IMCOMPLY_STRESS_LIMIT_KB:-1024}
started=$SECONDS

# limited KB PROGRAM ARGS…: run a program with files limited to KB KiB (bash's `ulimit -f` counts
# 1024-byte blocks; 512-byte ones only in POSIX mode). SIGXFSZ is ignored, so a write past the
# limit fails with EFBIG instead of killing the program.
limited() {
  local kb=$1 program=$2
  shift 2
  (
    trap '' XFSZ
    ulimit -f "$kb"
    exec "$BIN/$program" "$@"
  ) >"$OUT" 2>"$ERR"
  RC=$?
}

# err_clean NAME: stderr holds no raw SQLite, SQL or exception text.
err_clean() {
  if grep -qiE 'sqlite3?_|SQLITE_|\b(INSERT|SELECT|UPDATE|DELETE) |what\(\)|terminate called|std::|exception' "$ERR"; then
    fail "$1 (raw error text on stderr)"
  else
    ok
  fi
}
# healthy NAME: without any limit, the database opens, verifies and is whole.
healthy() {
  run acct list
  expect 0 "$1: the database opens afterwards"
  run audit verify
  expect 0 "$1: audit verify passes afterwards"
  same "$(integrity)" ok "$1: integrity_check says ok afterwards"
}
# leftovers PATH: what exists of PATH and the files SQLite keeps beside it.
leftovers() { for f in "$1" "$1-wal" "$1-shm" "$1-journal"; do [ -e "$f" ] && echo "${f##*/}"; done; }

# A 2021 office, so that 2021 data (due for the purge) and 2026 data can both be logged.
office 2021-01-04
active w1 entry-exit,foreigner 2021-01-04
"$BIN/acct" --as chen add kao --name 高稽核 >/dev/null && "$BIN/acct" --as chen role kao --grant auditor >/dev/null

# --- qlog import of a big file under the limit ---
usage_csv "$WORK/big.csv" "大檔1" "$big_rows" 2026 wang,w1 entry-exit
before=$(snapshot)
limited "$limit_kb" qlog --as chen import "$WORK/big.csv"
expect 6 "an import that outgrows the file-size limit exits 6"
err_has "qlog: error: " "with a qlog: error: message"
err_one_line "the import's error"
err_clean "the import's error"
same "$(snapshot)" "$before" "and writes nothing"
same "$(q "SELECT count(*) FROM usage_entries WHERE purpose LIKE '大檔1 row %'") $(q "SELECT count(*) FROM imports")" "0 0" \
  "no row of the file, and no import row"
healthy "qlog import"
run qlog --as chen import "$WORK/big.csv"
expect 0 "the same import without the limit succeeds"
same "$(q "SELECT count(*) FROM usage_entries WHERE purpose LIKE '大檔1 row %'")" "$big_rows" "with all its rows"

# --- audit import of a big system log under the limit ---
awk -v rows="$big_rows" 'BEGIN {
  print "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP"
  for (i = 0; i < rows; i++)
    printf "2026-%02d-%02d %02d:%02d:%02d,w1,入出境資訊,F1%08d,姓名;入出境日期,10.12.3.%d\n",
      1 + int(i / 2000) % 10, 5 + int(i / 100) % 20, 8 + int(i / 60) % 10, i % 60, (i * 7) % 60, 20000000 + i, 1 + i % 250
}' >"$WORK/system.csv"
before=$(snapshot)
limited "$limit_kb" audit --as kao import "$WORK/system.csv"
expect 6 "a system-log import that outgrows the limit exits 6"
err_has "audit: error: " "with an audit: error: message"
err_one_line "the system-log import's error"
err_clean "the system-log import's error"
same "$(snapshot)" "$before" "and writes nothing"
healthy "audit import"
run audit --as kao import "$WORK/system.csv"
expect 0 "the system-log import without the limit succeeds"
same "$(q "SELECT count(*) FROM system_queries")" "$big_rows" "with all its rows"

# --- purge under the limit: it works in batches, so whole batches may have gone, each recorded ---
usage_csv "$WORK/due.csv" "到期2" "$big_rows" 2021 wang,w1 foreigner
"$BIN/qlog" --as chen import "$WORK/due.csv"  # now: record times run forward (spec 7) >/dev/null || fail "setup: the 2021 import"
due=$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")
same "$due" "$big_rows" "setup: the 2021 rows are due"
kept=$(q "SELECT count(*) FROM usage_entries WHERE login_at >= '2021-11-29'")
limited "$limit_kb" purge --as chen --batch 200
expect 6 "a purge that outgrows the limit exits 6"
err_has "purge: error: " "with a purge: error: message"
err_one_line "the purge's error"
err_clean "the purge's error"
left=$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")
echo "disk: the purge under the limit removed $((due - left)) of $due rows before: $(head -1 "$ERR")"
if [ "$left" -eq "$due" ]; then
  err_has "nothing had been removed yet" "the error says nothing had been removed"
else
  err_has "committed before it removed $((due - left)) usage_entries" "the error says what its committed batches removed"
fi
same "$(q "SELECT coalesce(sum(count), 0) FROM destruction_counts WHERE kind = 'usage_entries'")" "$((due - left))" \
  "every row it removed before the error is in its destruction record ($((due - left)) of $due)"
same "$(q "SELECT count(*) FROM usage_entries WHERE login_at >= '2021-11-29'")" "$kept" "and nothing inside the retention went"
healthy "purge"
run purge --as chen
expect 0 "the purge without the limit completes"
same "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'") $(q "SELECT sum(count) FROM destruction_counts WHERE kind = 'usage_entries'")" \
  "0 $due" "and every due row went, recorded once"

# --- single writes with almost no room (4 KiB: not even the WAL index fits) ---
before=$(snapshot)
limited 4 acct --as chen add full1 --name 滿載
expect 6 "acct add with no room to write exits 6"
err_has "acct: error: " "with an acct: error: message"
err_one_line "acct add's error"
limited 4 qlog --as w1 add --item entry-exit --purpose 滿載 --login "2026-11-27 09:00" --logout "2026-11-27 09:05"
expect 6 "qlog add with no room to write exits 6"
err_has "qlog: error: " "with a qlog: error: message"
err_one_line "qlog add's error"
same "$(snapshot)" "$before" "and neither wrote anything"
healthy "single writes"
run acct --as chen add full1 --name 滿載
expect 0 "the same acct add without the limit succeeds"

# --- acct backup and acct init under the limit: nothing left behind ---
limited "$limit_kb" acct --as chen backup "$WORK/backup.db"
expect 6 "a backup bigger than the limit exits 6"
err_has "acct: error: " "with an acct: error: message"
err_one_line "the backup's error"
same "$(leftovers "$WORK/backup.db")" "" "and leaves no partial backup behind"
run acct --as chen backup "$WORK/backup.db"
expect 0 "the backup without the limit succeeds"
same "$(IMCOMPLY_DB="$WORK/backup.db" "$BIN/audit" verify >/dev/null 2>&1; echo $?)" 0 "and the copy verifies"
limited 64 acct init --db "$WORK/new.db" --office 10009 --office-name 員林 --admin chen --admin-name 陳大文
expect 6 "acct init that cannot write its file exits 6"
err_one_line "acct init's error"
same "$(leftovers "$WORK/new.db")" "" "and leaves no file behind"

# --- read-only directories ---
# As root, permissions do not stop the program, so it runs without the capabilities that
# override them (setpriv). Where that is not possible the checks are skipped and say so.
unprivileged() {
  local program=$1
  shift
  if [ "$(id -u)" -ne 0 ]; then
    "$BIN/$program" "$@" >"$OUT" 2>"$ERR"
  else
    $drop "$BIN/$program" "$@" >"$OUT" 2>"$ERR"
  fi
  RC=$?
}
mkdir "$WORK/ro"
chmod 555 "$WORK/ro"
drop="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner --"
if [ "$(id -u)" -ne 0 ] || { $drop true 2>/dev/null && ! $drop touch "$WORK/ro/probe" 2>/dev/null; }; then
  unprivileged acct init --db "$WORK/ro/office.db" --office 10009 --office-name 員林 --admin chen --admin-name 陳大文
  expect 6 "acct init in a read-only directory exits 6"
  err_has "acct: error: " "with an acct: error: message"
  err_one_line "acct init's error in a read-only directory"
  same "$(ls -A "$WORK/ro")" "" "and leaves nothing behind"
  before=$(snapshot)
  unprivileged acct --as chen backup "$WORK/ro/backup.db"
  expect 6 "acct backup into a read-only directory exits 6"
  err_has "acct: error: " "with an acct: error: message"
  err_one_line "acct backup's error into a read-only directory"
  same "$(ls -A "$WORK/ro")" "" "and leaves nothing behind"
  same "$(snapshot)" "$before" "and the database is unchanged"
  # The database itself in a directory that became read-only (no -wal/-shm can be made there).
  chmod 755 "$WORK/ro"
  "$BIN/acct" --as chen backup "$WORK/ro/office.db" >/dev/null
  chmod 555 "$WORK/ro"
  listed=$(ls -A "$WORK/ro")  # the copy (its subject key would be there only with --with-key)
  before=$(sqlite3 "$WORK/ro/office.db" .dump | sha256sum)
  unprivileged acct --db "$WORK/ro/office.db" --as chen add ro1 --name 唯讀
  expect 6 "a write to a database in a read-only directory exits 6"
  err_one_line "that write's error"
  err_clean "that write's error"
  same "$(sqlite3 "$WORK/ro/office.db" .dump | sha256sum)" "$before" "and writes nothing"
  same "$(ls -A "$WORK/ro")" "$listed" "and leaves nothing beside it"
else
  echo "disk: SKIPPED the read-only directory checks (root, and setpriv cannot drop the capabilities)"
fi
chmod 755 "$WORK/ro"

healthy "at the end"
echo "disk: $big_rows-row imports, a limit of $limit_kb KiB, in $((SECONDS - started)) s"
finish
