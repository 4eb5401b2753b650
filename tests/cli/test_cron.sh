#!/usr/bin/env bash
# What cron runs, as cron runs it: with --quiet nothing reaches stdout (so MAILTO mails nothing)
# unless something needs a person; one destruction record per purge run; purge history's filters;
# the holiday calendar's missing years, and the counting each deadline used.
source "$(dirname "$0")/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
office
export IMCOMPLY_NOW=2026-11-29T10:30  # after the office was set up (lib.sh: 10:00): the journal runs forward

# quiet OK_NAME: the last run printed nothing at all (stdout and stderr).
quiet() {
  if [ -s "$OUT" ] || [ -s "$ERR" ]; then fail "$1 (printed something)"; else ok; fi
}

# --- acct due ---
run acct due --quiet
expect 0 "acct due --quiet with nothing pending"
quiet "acct due --quiet prints nothing when nothing is pending"
run acct due
out_has "(none)" "without --quiet it says so"
run acct --as chen change wang --kind transfer --date 2026-11-26
expect 0 "a duty change"
out_match "^Counted: +calendar$" "acct change says which counting its deadline used"
run acct due --quiet
expect 0 "a pending termination not yet overdue exits 0"
out_has "wang" "but is printed: it needs doing"
out_match "2026-12-02 +calendar" "acct due shows the counting beside the deadline"
IMCOMPLY_NOW=2026-12-03T07:30 run acct due --quiet
expect 1 "an overdue termination exits 1 with --quiet too"
out_has "OVERDUE by 1 day" "and is printed"
run acct due --quiet --format json
same "$(python3 -c 'import json,sys; print([(r["login"], r["counting"]) for r in json.load(open(sys.argv[1]))])' "$OUT")" \
  "[('wang', 'calendar')]" "--format json: the key counting"
"$BIN/acct" --as chen terminate wang --reason duty-change --date 2026-11-29 >/dev/null
run acct due --quiet
expect 0 "once terminated"
quiet "nothing is printed again"
run acct due --quiet --db "$WORK/missing.db"
expect 6 "an error keeps its exit code under --quiet"
err_has "error:" "and its message on stderr"

# --- qlog check, qlog data list --pending ---
"$BIN/acct" --as chen apply lin --items entry-exit --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve lin --stage $s --date 2026-11-02 >/dev/null; done
"$BIN/qlog" --as chen add --user lin --item entry-exit --purpose 查核 --login "2026-11-25 09:00" --logout "2026-11-25 09:05" >/dev/null
run qlog check --quiet
expect 0 "qlog check --quiet on a clean log"
quiet "prints nothing"
"$BIN/qlog" --as chen add --user lin --item entry-exit --purpose 長時間 --login "2026-11-26 09:00" --logout "2026-11-26 10:00" >/dev/null
run qlog check --quiet
expect 1 "a finding exits 1"
out_has "too-long" "and is printed"
run qlog data list --pending --quiet
expect 0 "qlog data list --pending --quiet with nothing pending"
quiet "prints nothing"
run qlog data list --quiet
expect 2 "--quiet on data list needs --pending"
entry=$(db_sql "SELECT id FROM usage_entries WHERE purpose = '查核'")
"$BIN/qlog" --as chen data add --entry "$entry" --desc 紙本一份 --destroy-by 2026-11-27 >/dev/null
run qlog data list --pending --quiet
expect 1 "paper past its destroy-by date exits 1"
out_has "紙本一份" "and is printed"

# --- audit verify ---
run audit verify --quiet
expect 0 "audit verify --quiet on an intact journal"
quiet "prints nothing"

# --- purge: one record per run, quiet unless a person is needed ---
run purge --as chen --quiet
expect 1 "paper past its date needs a person"
out_has "paper #" "so purge --quiet prints it"
out_has "purge confirm" "with what to do"
run purge --as chen confirm 1 --method 碎紙機銷毀 --witness chen
expect 0 "the paper is destroyed, with a witness"
run purge --as chen --quiet
expect 0 "a night with nothing to remove"
quiet "purge --quiet prints nothing"
run purge --as chen
expect 0 "without --quiet"
out_match "^purge: 0 usage_entries" "one summary line"
same "$(db_sql 'SELECT count(*) FROM destructions')" 4 "three runs and a confirmation: four records"
same "$(db_sql 'SELECT count(*) FROM destruction_records')" 0 "none in the table of one row per kind"
run purge history
expect 0 "purge history"
same "$(grep -c '^2026-11-29 ' "$OUT")" 4 "one row per run and one for the confirmation"
out_match "^2026-11-29 +0 +0 +0 +0 +- +0 +chen +purge +-$" "a run that removed nothing is one row"
out_match "^2026-11-29 +- +- +- +- +1 +- +chen +碎紙機銷毀 +chen$" "the confirmation shows its method and witness"
width=$(wc -L <"$OUT")
if [ "$width" -le 100 ]; then ok; else fail "purge history fits 100 columns (it is $width wide)"; fi
run purge history --format json
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(r["state"], r["paper"], r["usage_entries"], r["witness"]) for r in d])' "$OUT")" \
  "[('complete', None, 0, None), ('confirmed', 1, None, 'chen'), ('complete', None, 0, None), ('complete', None, 0, None)]" \
  "--format json: every field, a kind the record does not hold is null"
run purge history --kind paper
expect 0 "--kind paper"
same "$(grep -c '^2026-11-29 ' "$OUT")" 1 "lists the confirmation only"
out_has "碎紙機銷毀" "with its method"
run purge history --kind usage_entries
same "$(grep -c '^2026-11-29 ' "$OUT")" 3 "--kind usage_entries: the runs"
out_lacks "Paper" "and only that kind's column"
run purge history --nonzero
same "$(grep -c '^2026-11-29 ' "$OUT")" 1 "--nonzero: only what destroyed something"
run purge history --kind usage_entries --nonzero
expect 0 "--kind with --nonzero"
out_has "(none)" "no run removed a usage entry"
run purge history --since 2026-11-30
out_has "(none)" "--since a later day"
run purge history --since 115/11/29
same "$(grep -c '^2026-11-29 ' "$OUT")" 4 "--since takes any date form"
run purge history --kind bogus
expect 3 "an unknown kind is rejected"
err_one_line "in one line"
err_has "usage_entries, system_queries, obtained_data, files, paper" "naming the kinds"
run purge history --since yesterday
expect 3 "a bad --since is rejected"
err_one_line "in one line"
run audit verify --quiet
expect 0 "the records verify"
quiet "and verify --quiet says nothing"
db_sql "UPDATE destructions SET usage_entries = 7 WHERE id = 2"
run audit verify --quiet
expect 1 "a changed destruction record is found"
out_has "BROKEN" "and verify --quiet prints it"

# --- a database from before one record per run (schema 8): its rows still show and verify ---
old=$WORK/old.db
sqlite3 "$old" <"$SOURCE/tests/cli/data/purge-schema8.sql" >/dev/null
chmod 600 "$old"
IMCOMPLY_NOW=2026-11-29T02:30 run purge history --db "$old"
expect 0 "history of an older file"
same "$(grep -c '^2026-11-2[78] ' "$OUT")" 3 "its two runs and its confirmation, one row each"
out_match "^2026-11-27 +2 +0 +0 +0 +- +0 +chen +purge +-$" "the run that removed 2021's entries"
out_match "碎紙機銷毀 +lin$" "the old confirmation shows its method and its witness apart"
IMCOMPLY_NOW=2026-11-29T02:30 run audit verify --db "$old" --quiet
expect 0 "an older file verifies after the migration"
quiet "silently"
IMCOMPLY_NOW=2026-11-29T02:30 run purge --db "$old" --as chen --quiet
expect 0 "a run on the older file"
IMCOMPLY_NOW=2026-11-29T02:30 run purge history --db "$old" --format json
same "$(python3 -c 'import json,sys; print([(r["done_at"][:10], r["state"], r["usage_entries"], r["paper"]) for r in json.load(open(sys.argv[1]))])' "$OUT")" \
  "[('2026-11-27', 'complete', 2, None), ('2026-11-28', 'complete', 0, None), ('2026-11-28', 'confirmed', None, 1), ('2026-11-29', 'complete', 0, None)]" \
  "old records and new, in order"
IMCOMPLY_NOW=2026-11-29T02:30 run audit verify --db "$old"
expect 0 "and still verifies"
out_has "intact" "intact"

# --- holiday calendars (admin-procedure counting) ---
cat >"$WORK/holidays-2026.toml" <<TOML
[rules]
deadline_counting = "admin-procedure"
holiday_calendar = "$SOURCE/examples/holidays.txt"
TOML
"$BIN/acct" --as chen add ho --name 何文 >/dev/null
"$BIN/acct" --as chen apply ho --items mainland --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve ho --stage $s --date 2026-11-02 >/dev/null; done
run acct --config "$WORK/holidays-2026.toml" --as chen change ho --kind transfer --date 2026-12-26
expect 0 "a change at the year's end under admin-procedure"
out_match "^Counted: +admin-procedure$" "says its counting"
err_has "acct: warning: the holiday calendar $SOURCE/examples/holidays.txt does not cover 2027" \
  "warns that the calendar does not cover the deadline's year, naming the file"
err_has "2027-01-01" "and names the deadline"
run acct --config "$WORK/holidays-2026.toml" due --quiet
expect 0 "acct due"
err_has "ho: the holiday calendar $SOURCE/examples/holidays.txt does not cover 2027" "warns again, for the person"
out_match "2027-01-01 +admin-procedure" "and shows the counting"
printf '2027-01-01 holiday 開國紀念日\n' >"$WORK/holidays-2027.txt"
cat "$SOURCE/examples/holidays.txt" "$WORK/holidays-2027.txt" >"$WORK/holidays.txt"
printf '[rules]\ndeadline_counting = "admin-procedure"\nholiday_calendar = "holidays.txt"\n' >"$WORK/both.toml"
run acct --config "$WORK/both.toml" due
expect 0 "with a calendar that covers 2027"
same "$(cat "$ERR")" "" "no warning"
"$BIN/acct" --as chen add su --name 蘇一 >/dev/null
"$BIN/acct" --as chen apply su --items mainland --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve su --stage $s --date 2026-11-02 >/dev/null; done
run acct --config "$WORK/holidays-2026.toml" --as chen change su --kind transfer --date 2026-11-20
expect 0 "a change inside the calendar's year"
same "$(cat "$ERR")" "" "has no warning"

finish
