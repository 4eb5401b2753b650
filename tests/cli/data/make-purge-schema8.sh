#!/usr/bin/env bash
# Makes tests/cli/data/purge-schema8.sql: an office database as imcomply wrote it before schema
# 0009 (one destruction_records row per kind per run), for test_cron.sh. Run with the programs
# built from a commit before 0009 (the file in git was made with 89fc098's):
#   BIN=…/bin REV=89fc098 bash make-purge-schema8.sh > purge-schema8.sql
set -eu
BIN=${BIN:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export IMCOMPLY_DB=$WORK/office.db LC_ALL=C.UTF-8
unset IMCOMPLY_CONFIG LANG LC_MESSAGES
export IMCOMPLY_NOW=2021-01-04T09:00
"$BIN/acct" init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 >/dev/null
"$BIN/acct" --as chen add wang --name 王小明 >/dev/null
"$BIN/acct" --as chen add lin --name 林美麗 >/dev/null
"$BIN/acct" --as chen apply wang --items entry-exit --date 2021-01-04 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve wang --stage $s --date 2021-01-04 >/dev/null; done
IMCOMPLY_NOW=2021-02-01T10:00 "$BIN/qlog" --as chen add --user wang --item entry-exit --purpose 例行查核 \
  --login "2021-02-01 09:00" --logout "2021-02-01 09:05" >/dev/null
IMCOMPLY_NOW=2021-03-01T10:00 "$BIN/qlog" --as chen add --user wang --item entry-exit --purpose 例行查核 \
  --login "2021-03-01 09:00" --logout "2021-03-01 09:05" >/dev/null
export IMCOMPLY_NOW=2026-11-20T10:00
entry=$("$BIN/qlog" --as chen add --user wang --item entry-exit --purpose 今年查核 \
  --login "2026-11-20 09:00" --logout "2026-11-20 09:05" | grep -o '[0-9]\+' | tail -1)
"$BIN/qlog" --as chen data add --entry "$entry" --desc 紙本列印一份 --destroy-by 2026-11-25 >/dev/null
IMCOMPLY_NOW=2026-11-27T02:30 "$BIN/purge" --as chen >/dev/null || true   # removes 2021; paper waits
IMCOMPLY_NOW=2026-11-28T02:30 "$BIN/purge" --as chen >/dev/null || true   # nothing left to remove
IMCOMPLY_NOW=2026-11-28T09:00 "$BIN/purge" --as chen confirm 1 --method 碎紙機銷毀 --witness lin >/dev/null
IMCOMPLY_NOW=2026-11-28T09:00 "$BIN/audit" verify >/dev/null
echo "-- An office database written by imcomply at schema 8 (commit ${REV:-before 0010}), made by"
echo "-- tests/cli/data/make-purge-schema8.sh: two purge runs (one removed 2021's entries, one nothing) and a"
echo "-- paper destruction confirmed with a witness, as destruction_records rows. Restore with sqlite3."
echo "PRAGMA application_id = $(sqlite3 "$IMCOMPLY_DB" 'PRAGMA application_id');"
echo "PRAGMA user_version = $(sqlite3 "$IMCOMPLY_DB" 'PRAGMA user_version');"
echo "PRAGMA journal_mode = WAL;"
sqlite3 "$IMCOMPLY_DB" .dump
