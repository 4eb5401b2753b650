#!/usr/bin/env bash
# A month in a household registration office, with acct(1), on a throwaway database.
#
#   examples/walkthrough.sh                   # uses ../build/bin/acct beside this script
#   IMCOMPLY_BIN=/usr/local/bin examples/walkthrough.sh
#
# The clock is fixed with IMCOMPLY_NOW, so every date and deadline below is the same on
# every run (only the temporary directory's name changes).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin_dir=${IMCOMPLY_BIN:-$script_dir/../build/bin}
[[ -x $bin_dir/acct ]] || { echo "walkthrough: no acct in $bin_dir (set IMCOMPLY_BIN)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"                      # so that no ./imcomply.toml of yours is picked up
export IMCOMPLY_DB=$work/office.db
export IMCOMPLY_CONFIG=         # empty: no config file, the regulation's defaults

acct() { "$bin_dir/acct" "$@"; }
step() { printf '\n=== %s: %s\n' "${IMCOMPLY_NOW%%T*}" "$*"; }
on() { export IMCOMPLY_NOW=$1; }   # "today" for the commands that follow (Taiwan time)

# ---------------------------------------------------------------------------------------
on 2026-11-02T09:00
step "create the database; 陳大文 (chen) is the first administrator"
acct init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文

step "put the staff on the roster (no accounts yet)"
acct add wang --name 王小明 --title 課員 --unit 戶籍課 --as chen
acct add huang --name 黃志強 --title 課員 --unit 戶籍課 --as chen
acct add wu --name 吳淑芬 --title 辦事員 --unit 國籍課 --as chen
acct add lai --name 賴建宏 --title 課員 --unit 國籍課 --as chen
acct add lin --name 林美玲 --title 秘書 --as chen
acct add zhang --name 張志明 --title 主任 --as chen

step "roles (R4.2 audit team, sign-offs)"
acct role lin --grant auditor --as chen
acct role lin --grant secretary --as chen
acct role zhang --grant head --as chen

step "R3.2 stage 1: applications, with the query items each needs"
acct apply wang --items entry-exit,foreigner --as chen
acct apply huang --items entry-exit --as chen
acct apply wu --items 入出境資訊,大陸港澳及無戶籍人士申請來臺資訊 --as chen    # Chinese item names work too
acct apply lai --items foreigner --as chen

on 2026-11-04T10:00
step "R3.2 stage 2: the head of office sealed the forms (dates may be ROC)"
for who in wang huang wu lai; do acct approve "$who" --stage head --date 115/11/03 --as chen; done

step "where each application stands"
acct list --status pending

on 2026-11-09T15:00
step "R3.2 stages 3 and 4: the county submitted, the Agency approved"
for who in wang huang wu lai; do acct approve "$who" --stage county --date 2026-11-05 --as chen; done
acct approve wang --stage agency --ref 移署資字第1150001001號 --as chen
acct approve huang --stage agency --ref 移署資字第1150001002號 --as chen
acct approve wu --stage agency --ref 移署資字第1150001003號 --as chen
acct approve lai --stage agency --ref 移署資字第1150001004號 --as chen

step "deputies (R3.1): each must be an active user"
acct deputy wang --deputy huang --as chen
acct deputy huang --deputy wang --as chen
acct deputy lai --deputy wu --as chen

step "the roster of approved users (使用者名冊), ROC dates"
acct roster --date-style roc

on 2026-11-12T09:00
step "R3.5: the office registers its audit and account functions with the Agency"
acct agency register --by zhang --functions audit,account-admin --as chen
# exit 1 on purpose: the audit function stays unregistered until the Agency approves
acct agency status || true

on 2026-11-13T16:00
step "R3.4: 吳淑芬 is reassigned today; her account must end by the end of 11/19"
acct change wu --kind reassignment --date 2026-11-13 --as chen

on 2026-11-16T09:00
step "the Agency approved the registration"
acct agency approve --date 2026-11-16 --as chen
acct agency status

step "R3.4: 黃志強 transfers on 11/20; recorded ahead, deadline the end of 11/26"
acct change huang --kind transfer --date 2026-11-20 --as chen
acct deputy wang --deputy lai --as chen        # find 王小明 a deputy who stays

step "the nightly check: pending terminations, most urgent first"
acct due

on 2026-11-20T07:30
step "the nightly check finds 吳淑芬 overdue (the deadline was the end of 11/19)"
# acct due exits 1 when a termination is overdue; that is the point of this step
acct due || true
acct due --format json || true                 # the same for scripts

on 2026-11-21T09:00
step "the late termination is recorded as late by 2 days"
acct terminate wu --reason duty-change --as chen
acct deputy lai --deputy wang --as chen        # 吳淑芬 can no longer stand in

on 2026-11-23T11:00
step "R5: 賴建宏 suspended after a query with no official purpose"
acct suspend lai --reason 查詢用途與公務無關，報請主任議處 --as chen

on 2026-11-24T09:00
step "黃志強's account ends on time"
acct terminate huang --reason duty-change --as chen
acct due

on 2026-11-25T14:00
step "賴建宏 reinstated"
acct reinstate lai --as chen

on 2026-11-27T10:00
step "R4.4: the semiannual permission review of 2026H2"
acct review start --as chen
acct review decide wang --keep --note 戶籍登記業務需要 --as chen
acct review decide lai --keep --note 已完成議處 --as chen
acct review status
acct review close --as chen

on 2026-11-30T17:00
step "one person's whole timeline"
acct show wu

step "everyone, in CSV for a spreadsheet"
acct list --format csv

step "a consistent private copy (mode 0600) for the month's records"
acct backup "$work/office-2026-11.db" --as chen
stat -c '%A %n' "$work/office-2026-11.db"

printf '\nwalkthrough: done\n'
