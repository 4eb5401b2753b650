#!/usr/bin/env bash
# Files registered for destruction (R3.7) end to end: what `qlog data add --file` refuses, and how
# purge destroys only the file registered (never one swapped in, never blocking on a FIFO, never
# holding the write lock meanwhile), with --dry-run predicting it; and purge saying only what is
# true when a reader keeps the WAL from being truncated.
source "$(dirname "$0")/lib.sh"
office  # wang active since 2026-11-02 for entry-exit,foreigner; the clock at 2026-11-29T10:00
entry() {  # entry DAY: a closed session of wang on DAY; prints its id
  "$BIN/qlog" --as chen add --user wang --item entry-exit --purpose 查核 --login "$1 09:00" --logout "$1 09:05" >/dev/null ||
    { echo "setup: cannot log an entry" >&2; exit 1; }
  db_sql "SELECT max(id) FROM usage_entries"
}
e1=$(entry 2026-11-20)
files=$WORK/files
mkdir -p "$files/real" "$WORK/other/sub"
printf 'A123456789 入出境紀錄\n' >"$files/print.pdf"

# --- no [data] file_roots: every --file is refused, naming the key ---
before=$(snapshot)
run qlog --as chen data add --entry "$e1" --desc 列印檔 --file "$files/print.pdf"
expect 3 "without [data] file_roots a --file is refused"
err_has "file_roots" "naming the key"
err_one_line "the refusal"
same "$(snapshot)" "$before" "and nothing is written"

# The whole work directory is a root here, so that the database's own files are inside one.
printf '[data]\nfile_roots = ["%s"]\n' "$WORK" >"$WORK/imcomply.toml"
run qlog --as chen data add --entry "$e1" --desc x --file "$WORK/../$(basename "$WORK")/files/print.pdf" --destroy-by 2026-12-31
expect 0 "a file inside a root is accepted"

# --- refusals at add: exit 3, one line, nothing written ---
refused() {  # refused PATH WHY TEXT: `--file PATH` is refused with TEXT on stderr
  before=$(snapshot)
  run qlog --as chen data add --entry "$e1" --desc 列印檔 --file "$1"
  expect 3 "$2 is refused"
  err_has "$3" "$2: saying why"
  err_one_line "$2: the refusal"
  same "$(snapshot)" "$before" "$2: nothing is written"
}
# The -wal and the key are refused by name whether or not they exist at the moment: the next writer
# (or the next audit import) makes them again.
if on_file; then  # a central store has no files of its own beside it
  refused "$IMCOMPLY_DB" "the database" "database's own file"
  refused "$IMCOMPLY_DB-wal" "the database's -wal" "database's own file"
  refused "$IMCOMPLY_DB.key" "the subject key (DB.key)" "database's own file"
fi
ln -s "$files/real" "$files/link"
printf 'x\n' >"$files/real/scan.pdf"
refused "$files/link/scan.pdf" "a file under a symlinked directory" "is a symbolic link"
ln -s "$files/real/scan.pdf" "$files/symlink.pdf"
refused "$files/symlink.pdf" "a symbolic link" "symbolic link"
printf 'x\n' >"$files/linked.pdf"
ln "$files/linked.pdf" "$files/linked-too.pdf"
refused "$files/linked.pdf" "a file with two hard links" "2 hard links"
refused /etc/passwd "/etc/passwd (outside the roots)" "outside the directories of [data] file_roots"
refused "$files/real" "a directory" "a directory"
refused "$files/never-there.pdf" "a path that does not exist" "does not exist"
mkfifo "$files/fifo"
refused "$files/fifo" "a FIFO" "a FIFO"
ln -s "$WORK/other/sub" "$files/away"
printf 'x\n' >"$files/dots.pdf"
refused "$files/away/../dots.pdf" "a path whose '..' follows a link elsewhere" "symbolic link"

# --- a relative path is stored absolute, with its device and inode ---
printf 'A123456789 relative\n' >"$files/relative.pdf"
run qlog --as chen data add --entry "$e1" --desc 相對路徑 --file files/relative.pdf
expect 0 "a relative path is accepted"
same "$(db_sql "SELECT file_path FROM obtained_data WHERE description = '相對路徑'")" "$files/relative.pdf" \
  "and stored absolute (never resolved again from cron's working directory)"
same "$(db_sql "SELECT f.inode FROM data_files f JOIN obtained_data d ON d.id = f.id WHERE d.description = '相對路徑'")" \
  "$(stat -c %i "$files/relative.pdf")" "with its inode"
run audit verify
expect 0 "the journal covers the new table's rows"

# --- purge destroys only the registered file ---
register() {  # register NAME: a file of its own, registered, due for destruction since 2026-11-21
  printf 'A123456789 %s\n' "$1" >"$files/$1.pdf"
  "$BIN/qlog" --as chen data add --entry "$e1" --desc "$1" --file "$files/$1.pdf" >/dev/null ||
    { echo "setup: cannot register $1" >&2; exit 1; }
}
for name in valid replaced symlinked fifo missing later-linked; do register "$name"; done
rm "$files/relative.pdf"  # the relative one: gone before purge, so a problem too
mkdir "$files/dir"
printf 'A123456789 in-dir\n' >"$files/dir/in-dir.pdf"
"$BIN/qlog" --as chen data add --entry "$e1" --desc in-dir --file "$files/dir/in-dir.pdf" >/dev/null
cp "$files/replaced.pdf" "$files/copy" && mv "$files/copy" "$files/replaced.pdf"    # another inode
rm "$files/symlinked.pdf" && ln -s "$files/valid.pdf" "$files/symlinked.pdf"        # a link
rm "$files/fifo.pdf" && mkfifo "$files/fifo.pdf"                                      # a FIFO
rm "$files/missing.pdf"                                                              # gone
ln "$files/later-linked.pdf" "$files/later-linked-again.pdf"                         # a hard link
mv "$files/dir" "$files/dir.real" && ln -s "$files/dir.real" "$files/dir"            # a linked parent
exec 7<"$files/valid.pdf"  # kept open: what purge leaves of the valid file's content

run purge --as chen --dry-run
expect 1 "purge --dry-run: the problems need a person"
out_match "^purge --dry-run: .*, 1 files removed" "it predicts one file destroyed"
grep '^  problem:' "$OUT" >"$WORK/predicted"
same "$(wc -l <"$WORK/predicted")" 7 "and the seven problems"
same "$(db_sql "SELECT count(*) FROM obtained_data WHERE destroyed_at IS NOT NULL")" 0 "a dry run destroys nothing"
[ -f "$files/valid.pdf" ] && ok || fail "the dry run leaves the valid file"

# purge runs under a timeout (a FIFO must not make it block) while another writer writes.
timeout 20 "$BIN/purge" --as chen >"$OUT" 2>"$ERR" &
purge_pid=$!
"$BIN/qlog" --as wang --wait 2 open --item entry-exit --purpose 並行 --at "2026-11-29 09:50" >/dev/null 2>"$WORK/writer.err"
writer_rc=$?
wait $purge_pid
RC=$?
expect 1 "purge: exit 1, files need a person (and no FIFO made it block: timeout 20 gives 124)"
same "$writer_rc" 0 "a writer at the same time is not blocked"
out_match "^purge: .*, 1 files removed" "one file destroyed"
# (On the central store the run adds that the server keeps what it deleted: a property of the
# store, not of the files.)
same "$(grep '^  problem:' "$OUT" | grep -v 'the central store deleted the rows')" "$(cat "$WORK/predicted")" \
  "exactly what --dry-run predicted"
out_match "problem: data item #[0-9]+ \\($files/replaced.pdf\\): it was replaced by another file" "a file replaced (new inode)"
out_match "problem: data item #[0-9]+ \\($files/symlinked.pdf\\): it was replaced by a symbolic link" "a file replaced by a link"
out_match "problem: data item #[0-9]+ \\($files/fifo.pdf\\): it was replaced by a FIFO" "a file replaced by a FIFO"
out_match "problem: data item #[0-9]+ \\($files/missing.pdf\\): it does not exist" "a missing file"
out_match "problem: data item #[0-9]+ \\($files/later-linked.pdf\\): it has 2 hard links" "a file linked since"
out_match "problem: data item #[0-9]+ \\($files/dir/in-dir.pdf\\): $files/dir is a symbolic link" "a parent swapped for a link"
out_match "problem: data item #[0-9]+ \\($files/relative.pdf\\): it does not exist" "the relative one, looked for where it was registered"
out_has "purge confirm" "each says what a person does next"
same "$(db_sql "SELECT description FROM obtained_data WHERE destroyed_at IS NOT NULL")" valid \
  "only the valid file is recorded destroyed"
same "$(db_sql "SELECT coalesce(sum(files), 0) FROM destructions")" 1 \
  "and counted once in the destruction records"
[ -e "$files/valid.pdf" ] && fail "the valid file is unlinked" || ok
same "$(tr -d '\0' </proc/$$/fd/7 | wc -c) $(wc -c </proc/$$/fd/7)" "0 $(printf 'A123456789 valid\n' | wc -c)" \
  "and its content was overwritten with zeros first"
exec 7<&-
[ -L "$files/symlinked.pdf" ] && [ -p "$files/fifo.pdf" ] && [ -f "$files/replaced.pdf" ] && [ -f "$files/missing.pdf" -o ! -e "$files/missing.pdf" ] &&
  [ "$(stat -c %h "$files/later-linked.pdf")" = 2 ] && [ -f "$files/dir.real/in-dir.pdf" ] && ok ||
  fail "the link, the FIFO, the replacement, the linked file and the file under the linked parent are untouched"
run qlog data list --pending --format json
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d))' "$OUT")" 8 \
  "the seven problems stay pending (and the one due at the end of the year)"
run purge --as chen
expect 1 "the next run reports them again"
run audit verify
expect 0 "the journal verifies"

# A person deals with a problem; a file purge can still destroy is left to purge.
missing_id=$(db_sql "SELECT id FROM obtained_data WHERE description = 'missing'")
run purge --as chen confirm "$missing_id" --method "removed by hand before the purge (checked)"
expect 0 "purge confirm records a missing file as dealt with by a person"
future_id=$(db_sql "SELECT id FROM obtained_data WHERE description = 'x'")
run purge --as chen confirm "$future_id" --method shredded
expect 3 "a file purge can destroy is not confirmed by hand"
err_has "purge can destroy" "saying so"

if on_file; then  # the file's WAL, held by a reader of the file
  # --- a reader holding a snapshot keeps the WAL from truncating: exit 1, and the records say so ---
  export IMCOMPLY_DB=$WORK/second.db
  rm -f "$WORK/imcomply.toml"
  office
  python3 - "$IMCOMPLY_DB" "$WORK/reader-ready" <<'EOF' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT count(*) FROM usage_entries").fetchone()  # holds this snapshot
open(sys.argv[2], "w").close()
time.sleep(60)
EOF
  reader=$!
  for _ in $(seq 1 100); do [ -e "$WORK/reader-ready" ] && break; sleep 0.1; done
  started=$(date +%s%N)
  run purge --as chen --wait 2
  took=$(( ($(date +%s%N) - started) / 1000000 ))
  kill "$reader"
  wait "$reader" 2>/dev/null
  expect 1 "purge exits 1 when a reader keeps the WAL from being truncated"
  out_has "problem: the WAL could not be truncated within --wait: a reader holds an older snapshot" "a problem line naming the reader"
  out_has "may remain in $IMCOMPLY_DB-wal until it is truncated" "and its effect"
  echo "purge_files: purge waited $took ms for the reader (--wait 2)"
  if [ "$took" -ge 1900 ] && [ "$took" -lt 15000 ]; then ok; else fail "it retried for about --wait ($took ms)"; fi
  last_run="(SELECT run_id FROM destructions ORDER BY id DESC LIMIT 1)"
  same "$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM destructions WHERE run_id = $last_run AND method LIKE '%WAL truncated%'")" 0 \
    "its destruction record does not claim the WAL was truncated"
  run purge history
  out_has "WAL NOT truncated" "and purge history says it was not"
  run purge --as chen
  expect 0 "with the reader gone, the next run truncates"
  same "$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM destructions WHERE run_id = $last_run AND method NOT LIKE '%, WAL truncated;%'")" 0 \
    "and its record says so"
  same "$(if [ -e "$IMCOMPLY_DB-wal" ]; then stat -c %s "$IMCOMPLY_DB-wal"; else echo 0; fi)" 0 "the WAL is empty (or gone)"
fi
finish
