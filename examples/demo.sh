#!/usr/bin/env bash
# The demo of `./run demo`: one household registration office's accounts on a fresh database,
# as an administrator sees them on the morning of 2026-11-29.
set -euo pipefail
BIN=${IMCOMPLY_BIN:-$(dirname "$0")/../build-release/bin}
DEMO=$(mktemp -d)
trap 'rm -rf "$DEMO"' EXIT
export IMCOMPLY_DB="$DEMO/changhua.db"
acct() { "$BIN/acct" --as chen "$@" >/dev/null; }
on() { local day=$1; shift; IMCOMPLY_NOW="${day}T09:00" acct "$@"; }  # as recorded on that day
heading() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

# The office's history, replayed with the clock at each day's date.
IMCOMPLY_NOW=2026-06-01T09:00 "$BIN/acct" init --office 10008 --office-name 彰化戶政事務所 \
  --admin chen --admin-name 陳大文 >/dev/null
on 2026-06-01 add wang --name 王小明 --title 科員 --unit 戶籍課
on 2026-06-01 add lin --name 林美麗 --title 課員 --unit 戶籍課
on 2026-06-01 add kao --name 高志明 --title 課長 --unit 國籍課
on 2026-06-01 add ho --name 何文 --title 約僱人員 --unit 戶籍課
on 2026-06-01 role kao --grant auditor
on 2026-06-01 role lin --grant officer
for who in wang lin kao ho; do
  on 2026-06-02 apply "$who" --items entry-exit,mainland,foreigner
  on 2026-06-03 approve "$who" --stage head
  on 2026-06-10 approve "$who" --stage county
  on 2026-06-16 approve "$who" --stage agency --ref 移署資字第1150012345號
done
on 2026-06-17 deputy wang --deputy lin
on 2026-06-17 deputy lin --deputy wang
on 2026-11-18 add tsai --name 蔡淑芬 --title 科員 --unit 國籍課
on 2026-11-20 apply tsai --items foreigner
on 2026-11-21 approve tsai --stage head
on 2026-11-18 change ho --kind resignation --date 2026-11-18    # deadline 11-24: overdue
on 2026-11-27 change kao --kind transfer --date 2026-11-27      # deadline 12-03
on 2026-11-27 change lin --kind reassignment --date 2026-12-01  # recorded ahead of its date
export IMCOMPLY_NOW=2026-11-29T08:30

heading "Roster of approved users (acct roster)"
"$BIN/acct" roster
heading "Everyone on file (acct list)"
"$BIN/acct" list
heading "Pending terminations (acct due — what cron runs each night)"
set +e
"$BIN/acct" due
status=$?
set -e
echo "(acct due exited $status: 1 means a termination is overdue)"
heading "The overdue one (acct show ho)"
"$BIN/acct" show ho
heading "Terminated today, five days late (acct terminate ho --reason duty-change)"
"$BIN/acct" --as chen terminate ho --reason duty-change
heading "For scripts (acct due --format json)"
"$BIN/acct" due --format json
