#!/usr/bin/env bash
# R3.4 end to end: the six-day deadline, `acct due` as cron calls it, late terminations.
source "$(dirname "$0")/lib.sh"
office

run acct --as chen change wang --kind transfer --date 2026-11-20
expect 0 "record a duty change"
out_has "2026-11-26" "the deadline is the end of day D+6"

# The deadline ends at 2026-11-26 24:00 Taiwan time = 16:00 UTC; the machine's TZ must not matter.
IMCOMPLY_NOW=2026-11-26T15:59:00Z TZ=UTC "$BIN/acct" due >"$OUT" 2>"$ERR"
RC=$?
expect 0 "one minute before the deadline ends, nothing is overdue"
out_has "due today" "the last day says due today"
IMCOMPLY_NOW=2026-11-26T16:01:00Z TZ=UTC "$BIN/acct" due >"$OUT" 2>"$ERR"
RC=$?
expect 1 "one minute after, due exits 1"
out_has "OVERDUE by 1 day" "and says by how much"
IMCOMPLY_NOW=2026-11-26T23:59:00 TZ=America/Los_Angeles "$BIN/acct" due >/dev/null 2>&1
RC=$?
expect 0 "a time without offset is Taiwan time whatever TZ says"

run acct --as chen change wang --kind retirement --date 2026-12-01
expect 3 "a second pending duty change is refused"

run acct due --format json
expect 1 "due as JSON still exits 1 when overdue"
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[0]["login"], d[0]["days_left"], d[0]["deadline"])' "$OUT")" \
  "wang -3 2026-11-26" "due JSON has login, days_left and deadline"

# Recorded on the day it is dated (recorded later, it would be backdated: tests/cli/test_trust_output.sh).
IMCOMPLY_NOW=2026-11-28T10:00:00+08:00 run acct --as chen terminate wang --reason duty-change --date 2026-11-28
expect 0 "a late termination is recorded"
out_has "LATE by 2 days" "and said to be late"
run acct show wang
out_match "2026-11-28 +duty-change +2026-11-26 +2 +LATE by 2 days" "show tells the late termination and by how many days"
run acct show wang --format json
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d["terminations"]; print(len(t), t[0]["late_days"], d["user"]["status"])' "$OUT")" \
  "1 2 terminated" "show as JSON lists terminations with their days late"
run acct due
expect 0 "nothing is due after the termination"
out_has "(none)" "due says none"

# --within: only what falls due soon (overdue always).
"$BIN/acct" --as chen add kao --name 高志明 >/dev/null
"$BIN/acct" --as chen apply kao --items mainland --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve kao --stage $s --date 2026-11-02 >/dev/null; done
run acct --as chen change kao --kind resignation --date 2026-12-10
expect 0 "a duty change may be recorded ahead of its date"
run acct due --within 3
expect 0 "due --within 3 leaves out a deadline 17 days away"
out_lacks "kao" "kao is not listed within 3 days"
run acct due --within 30
out_has "kao" "kao is listed within 30 days"

# The admin-procedure counting: a deadline on a Saturday moves past the weekend and a holiday.
cat >"$WORK/holidays.txt" <<'TXT'
# test calendar
2026-11-30 holiday
TXT
cat >"$WORK/imcomply.toml" <<'TXT'
[rules]
deadline_counting = "admin-procedure"
holiday_calendar = "holidays.txt"
TXT
"$BIN/acct" --as chen add ho --name 何文 >/dev/null
"$BIN/acct" --as chen apply ho --items mainland --date 2026-11-01 >/dev/null
for s in head county agency; do "$BIN/acct" --as chen approve ho --stage $s --date 2026-11-02 >/dev/null; done
run acct --config "$WORK/imcomply.toml" --as chen change ho --kind transfer --date 2026-11-22
expect 0 "change under admin-procedure counting"
out_has "2026-12-01" "Sat 28 → Sun → Mon 30 (holiday) → Tue 1 Dec"

# Config that is weaker than the regulation is refused before anything happens.
printf '[rules]\ntermination_days = 10\n' >"$WORK/weak.toml"
run acct --config "$WORK/weak.toml" due
expect 3 "a termination deadline beyond six days is refused"
err_has "R3.4" "quoting the clause"
printf '[rules]\nlog_retention_years = 3\n' >"$WORK/weak.toml"
run acct --config "$WORK/weak.toml" due
expect 3 "a retention under five years is refused"
err_has "R4.1" "quoting the clause"
printf 'colour = 1\n' >"$WORK/weak.toml"
run acct --config "$WORK/weak.toml" due
expect 3 "an unknown key is refused"
err_one_line "config errors are one line"
finish
