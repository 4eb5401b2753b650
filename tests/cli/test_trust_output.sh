#!/usr/bin/env bash
# Issue 10, items 5, 7 and 8 end to end: the subject key's check value and backups without the
# key, terminal-safe output, and terminations backdated past their deadline.
source "$(dirname "$0")/lib.sh"

# The office as it stood on 11-18, when ho's duty change was recorded on time.
export IMCOMPLY_NOW=2026-11-18T09:00:00+08:00
office
"$BIN/acct" --as chen add ho --name 何文 >/dev/null
"$BIN/acct" --as chen apply ho --items mainland --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve ho --stage $s --date 2026-11-02 >/dev/null; done
"$BIN/acct" --as chen add kao --name 高志明 >/dev/null
"$BIN/acct" --as chen role kao --grant auditor >/dev/null
run acct --as chen change ho --kind transfer --date 2026-11-18
expect 0 "ho's duty change is recorded on its day"
out_has "2026-11-24" "its deadline is the end of 11-24"
export IMCOMPLY_NOW=2026-11-29T10:00:00+08:00

# --- item 8: a termination recorded on 11-29, after the 11-24 deadline, dated 11-23 ---
run acct --as chen terminate ho --reason duty-change --date 2026-11-23
expect 0 "the termination is recorded"
out_has "LATE by 5 days" "late by the day it was recorded, not by its date"
out_has "backdated: recorded 2026-11-29, after the deadline 2026-11-24" "and said to be backdated"
run acct show ho
expect 0 "show ho"
out_match "2026-11-23 +duty-change +2026-11-24 +5 +BACKDATED: recorded 2026-11-29, LATE by 5 days +2026-11-29 +yes" \
  "show's terminations row says backdated, recorded 11-29, 5 days late"
out_has "backdated: recorded 2026-11-29, after the deadline" "and so does the timeline"
run acct show ho --format json
same "$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["terminations"][0]; print(t["terminated_on"], t["recorded_on"], t["late_days"], t["backdated"])' "$OUT")" \
  "2026-11-23 2026-11-29 5 True" "show's JSON has the date, the day recorded, the days late and backdated"
run acct due
expect 0 "nothing is pending: due exits 0"
out_lacks "ho" "and plain due lists only pending terminations"
run acct due --all
expect 0 "due --all: a past termination needs no action now (audit monthly reports it)"
out_match "^ho +何文 +transfer +2026-11-18 +2026-11-24 +calendar +- +BACKDATED: recorded 2026-11-29, LATE by 5 days" \
  "due --all lists the answered duty change as backdated"
run acct due --all --format json
same "$(python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if x["login"]=="ho"][0]; print(r["terminated_on"], r["recorded_on"], r["late_days"], r["backdated"], r["days_left"])' "$OUT")" \
  "2026-11-23 2026-11-29 5 True None" "due --all as JSON: dates, days late, backdated"
run acct due --all --within 3
expect 2 "--all and --within do not go together"

run audit monthly --month 2026-11
expect 1 "Annex 2 for November has a finding"
out_has "☐符合 ☑不符" "an item is 不符"
out_has "・ho 於 2026-11-29 始登錄終止（終止日期" "item 2's evidence names the backdated termination"
run audit monthly --month 2026-11 --format json
same "$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["items"][1]; print(i["item"], i["proposed"], i["evidence"])' "$OUT")" \
  "2 nonconform ho 於 2026-11-29 始登錄終止（終止日期回溯填為 2026-11-23），逾期限 2026-11-24 5 日" \
  "item 2 is nonconform, with the backdated termination as its evidence"
run audit supervision --year 2026 --format json
same "$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["items"][1]; print(i["yes"], "回溯" in i["evidence"])' "$OUT")" \
  "False True" "Annex 3 item 2 answers from the same evaluator"

# --- item 5: the subject key's check value ---
log() {  # log FILE DAY: a system log of one query by wang on DAY
  printf '查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP\r\n%s 09:01:00,wang,入出境資訊,A123456789,姓名,10.0.0.1\r\n' "$2" >"$1"
}
log "$WORK/log1.csv" 2026-11-10
log "$WORK/log2.csv" 2026-11-11
rows() { db_sql 'SELECT count(*) FROM system_queries'; }
run audit --as kao import "$WORK/log1.csv"
expect 0 "the first import makes the key"
same "$(db_sql 'SELECT count(*) FROM subject_key_checks')" 1 "and records its check value"
key=$(subject_key)
cp -p "$key" "$WORK/office.key.saved"
openssl rand -hex 32 >"$key"  # another valid key, still 0600
before=$(rows)
run audit --as kao import "$WORK/log2.csv"
expect 6 "an import with another key is a storage error"
err_has "$key is not this database's key" "naming the key file"
err_one_line "one error line and a hint"
same "$(rows)" "$before" "nothing was imported"
run audit --as kao import "$WORK/log1.csv" --dry-run
expect 6 "a dry run refuses the wrong key too"
cp -p "$WORK/office.key.saved" "$key"
run audit --as kao import "$WORK/log2.csv"
expect 0 "with the right key back, the import goes through"
out_match "^Added: +1" "and adds its row"

# --- item 5: backups hold the key only with --with-key ---
if on_file; then  # the central store is backed up by its server
  run acct --as chen backup "$WORK/plain.db"
  expect 0 "a backup"
  out_has "not copied" "says the key was not copied"
  out_has "$IMCOMPLY_DB.key" "names the key a restore needs"
  out_has "--with-key" "and how to back it up too"
  [ ! -e "$WORK/plain.db.key" ] && ok || fail "no key file beside the backup"
  run acct --as chen backup "$WORK/plain2.db" --format json
  same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["key"])' "$OUT")" "None" "JSON: no key copy"
  run audit --db "$WORK/plain.db" --as kao import "$WORK/log1.csv"
  expect 6 "a restored backup without its key does not import"
  err_has "plain.db.key is missing" "and says the key is missing"
  run acct --as chen backup "$WORK/keyed.db" --with-key
  expect 0 "a backup --with-key"
  out_has "copied to $WORK/keyed.db.key" "says where the key went"
  same "$(stat -c %a "$WORK/keyed.db.key")" 600 "the key's copy is 0600"
  cmp -s "$IMCOMPLY_DB.key" "$WORK/keyed.db.key" && ok || fail "the key's copy has the key's bytes"
  run audit --db "$WORK/keyed.db" --as kao import "$WORK/log1.csv"
  expect 0 "a backup restored with its key imports"
  run acct --as chen backup "$WORK/keyed.db" --with-key
  expect 3 "a backup over an existing file is refused"
  openssl rand -hex 32 >"$IMCOMPLY_DB.key"
  run acct --as chen backup "$WORK/wrong.db" --with-key
  expect 6 "a backup --with-key refuses a key that is not the database's"
  [ ! -e "$WORK/wrong.db" ] && [ ! -e "$WORK/wrong.db.key" ] && ok || fail "and leaves neither file"
  cp -p "$WORK/office.key.saved" "$IMCOMPLY_DB.key"
fi

# --- item 7: terminal-safe output ---
evil=$'\r\e[2K5  wang  2026-11-12T09:00  2026-11-12T09:05  entry-exit  查核\nfake'
run qlog --as chen add --user wang --item entry-exit --purpose "$evil" --login "2026-11-12 10:00" --logout "2026-11-12 10:05"
expect 0 "a purpose holding CR, ESC[2K and a fake row is stored as given"
raw() {  # raw NAME: stdout holds no ESC, CR, LF inside a line, C1 CSI or invalid byte from the purpose
  if grep -qP '\x1b|\r' "$OUT"; then fail "$1: raw ESC or CR in the output"; else ok; fi
}
run qlog list
expect 0 "qlog list"
raw "qlog list"
out_has '\x0D\x1B[2K5  wang' "the table shows the escapes"
out_has '\x0Afake' "and the line break as \\x0A, on the same row"
same "$(grep -c 'fake' "$OUT")" 1 "the fake row is no row of its own"
od -c "$OUT" | grep -q '033' && fail "od finds ESC in qlog list" || ok
run qlog sheet --month 2026-11 --format text
expect 0 "Annex 1 as text"
raw "qlog sheet --format text"
out_has '\x0D\x1B[2K' "the text form shows the escapes"
run qlog sheet --month 2026-11 --format html
raw "qlog sheet --format html"
out_has '\x0D\x1B[2K5  wang' "the HTML form shows them too"
run qlog list --format csv
expect 0 "qlog list as CSV"
if grep -qP '\x1b' "$OUT"; then fail "raw ESC in CSV"; else ok; fi
out_has '\x1B[2K' "CSV escapes ESC"
run qlog list --format json
same "$(python3 -c 'import json,sys; print(any(e["purpose"]==sys.argv[2] for e in json.load(open(sys.argv[1]))))' "$OUT" "$evil")" \
  "True" "JSON carries the purpose exactly, in its own escaping"
if on_file; then
  "$BIN/acct" --as chen add evil --name $'\e]0;pwned\a陳' --title $'\e[31m科員\x9b' >/dev/null
else  # the server keeps only valid UTF-8: the invalid byte is refused in one line, the rest stored
  run acct --as chen add evil --name $'\e]0;pwned\a陳' --title $'\e[31m科員\x9b'
  expect 3 "a title that is not valid UTF-8 is refused on the central store"
  err_has "valid UTF-8" "saying why"
  "$BIN/acct" --as chen add evil --name $'\e]0;pwned\a陳' --title $'\e[31m科員' >/dev/null
fi
run acct show evil
expect 0 "acct show of a name and title holding escape sequences"
raw "acct show"
out_has '\x1B]0;pwned\x07陳' "the name is shown escaped"
run acct --as chen suspend wang --reason "$evil"
run acct show wang
raw "acct show's timeline"
out_has '\x0D\x1B[2K5  wang' "the timeline shows a reason's escapes"
run acct roster
raw "acct roster"
run acct list
raw "acct list"
out_has '\x1B]0;pwned\x07陳' "acct list too"

finish
