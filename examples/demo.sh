#!/usr/bin/env bash
# The demo of `./run demo`: one household registration office's accounts on a fresh database,
# as an administrator sees them on the morning of 2026-11-29.
set -euo pipefail
BIN=${IMCOMPLY_BIN:-$(dirname "$0")/../build-release/bin}
DEMO=$(mktemp -d)
trap 'rm -rf "$DEMO"' EXIT
export IMCOMPLY_DB="$DEMO/changhua.db"
acct() { "$BIN/acct" --as chen "$@" >/dev/null; }
on() {  # on DAY SUBCOMMAND…: as recorded by the administrator that day (import is qlog's)
  local day=$1
  shift
  local program=acct
  [ "$1" = import ] && program=qlog
  IMCOMPLY_NOW="${day}T09:00" "$BIN/$program" --as chen "$@" >/dev/null
}
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
# Each stage on its day for all four, so that the journal's times run forward (audit verify checks it).
for who in wang lin kao ho; do on 2026-06-02 apply "$who" --items entry-exit,mainland,foreigner; done
for who in wang lin kao ho; do on 2026-06-03 approve "$who" --stage head; done
for who in wang lin kao ho; do on 2026-06-10 approve "$who" --stage county; done
for who in wang lin kao ho; do on 2026-06-16 approve "$who" --stage agency --ref 移署資字第1150012345號; done
on 2026-06-17 deputy wang --deputy lin
on 2026-06-17 deputy lin --deputy wang
on 2026-11-18 add tsai --name 蔡淑芬 --title 科員 --unit 國籍課
on 2026-11-18 change ho --kind resignation --date 2026-11-18    # deadline 11-24: overdue
on 2026-11-20 apply tsai --items foreigner
on 2026-11-21 approve tsai --stage head
on 2026-11-27 change kao --kind transfer --date 2026-11-27      # deadline 12-03
on 2026-11-27 change lin --kind reassignment --date 2026-12-01  # recorded ahead of its date

# November's usage log, as the office's Excel sheet would have it (CSV, UTF-8 with BOM).
purposes=(辦理歸化國籍案件查核 辦理外籍配偶初設戶籍登記查核 辦理遷出國外登記查核 "核對出境紀錄, 申請人表示已返國" 辦理結婚登記居留資格查核)
items=(入出境資訊 外籍人士居停留資訊 大陸港澳及無戶籍人士申請來臺資訊)
users=(王小明 林美麗 高志明 何文)
{
  printf '\xef\xbb\xbf使用者,登入時間,退出時間,查詢項目,資料查詢用途,案號\r\n'
  for i in $(seq 0 24); do
    day=$((2 + i * 26 / 25))
    minute=$((10 + (i * 7) % 40))
    length=$((3 + i % 6))
    [ "$i" -eq 17 ] && length=48  # one session left open too long: qlog check finds it
    purpose=${purposes[$((i % 5))]}
    printf '%s,2026-11-%02d 09:%02d,2026-11-%02d %02d:%02d,%s,"%s",彰戶115字第%04d號\r\n' \
      "${users[$((i % 4))]}" "$day" "$minute" "$day" $((9 + (minute + length) / 60)) $(((minute + length) % 60)) \
      "${items[$((i % 3))]}" "$purpose" $((1000 + i))
  done
} >"$DEMO/usage-2026-11.csv"
on 2026-11-28 import "$DEMO/usage-2026-11.csv"
# The system's audit log for November, as downloaded from the Agency's system: every session of
# the usage log has its queries, but two queries of 11-19 fall outside any session.
{
  printf '\xef\xbb\xbf查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP\r\n'
  logins=(wang lin kao ho)
  for i in $(seq 0 24); do
    day=$((2 + i * 26 / 25))
    minute=$((10 + (i * 7) % 40))
    printf '2026-11-%02d 09:%02d:30,%s,%s,A%09d,姓名;入出境日期,10.12.3.%d\r\n' "$day" $((minute + 1)) \
      "${logins[$((i % 4))]}" "${items[$((i % 3))]}" $((123450000 + i)) $((20 + i % 4))
  done
  printf '2026-11-19 21:05:10,lin,入出境資訊,A123450003,姓名;出生日期;入出境日期,10.12.3.21\r\n'
  printf '2026-11-22 10:15:00,wang,入出境資訊,A123450003,姓名,10.12.3.20\r\n'
} >"$DEMO/system-2026-11.csv"
IMCOMPLY_NOW=2026-11-28T09:00 "$BIN/qlog" --as wang data add --entry 1 --desc 入出境紀錄列印一份 >/dev/null
IMCOMPLY_NOW=2026-11-28T10:00 "$BIN/audit" --as kao import "$DEMO/system-2026-11.csv" >/dev/null
export IMCOMPLY_NOW=2026-11-29T08:30

heading "Roster of approved users (acct roster)"
"$BIN/acct" roster
heading "Everyone on file (acct list)"
"$BIN/acct" list
heading "Pending terminations (acct due --quiet — what cron runs each morning: silent when none)"
set +e
"$BIN/acct" due --quiet
status=$?
set -e
echo "(acct due exited $status: 1 means a termination is overdue)"
heading "The overdue one (acct show ho)"
"$BIN/acct" show ho
heading "Terminated today, five days late (acct terminate ho --reason duty-change)"
"$BIN/acct" --as chen terminate ho --reason duty-change
heading "For scripts (acct due --format json)"
"$BIN/acct" due --format json
heading "November's usage log sheet, Annex 1 (qlog sheet --month 2026-11), page 1"
"$BIN/qlog" sheet --month 2026-11 | awk '/\f/ { exit } { print }'
heading "Checking the log against R3.3 (qlog check --month 2026-11)"
"$BIN/qlog" check --month 2026-11 || echo "(qlog check exited $?: 1 means findings)"
heading "November's internal audit record, Annex 2 draft (audit monthly --month 2026-11)"
"$BIN/audit" monthly --month 2026-11 || echo "(audit monthly exited $?: 1 means an item does not conform)"
heading "The journal sealed, and verified against the anchor (audit seal; audit verify --anchor)"
anchor=$("$BIN/audit" --as kao seal | tail -1)
echo "$anchor"
"$BIN/audit" verify --anchor "$anchor"
heading "Data obtained and not yet destroyed (qlog data list --pending)"
"$BIN/qlog" data list --pending || echo "(exit $?: 1 means data is overdue for destruction, R3.7)"
heading "Tonight's purge, as cron runs it (purge --quiet --as chen: silent unless a person is needed)"
"$BIN/purge" --quiet --as chen || echo "(purge exited $?: 1 means paper data waits for a person)"
heading "The printout shredded, and recorded (purge confirm 1 --method 碎紙機銷毀 --witness lin)"
"$BIN/purge" --as chen confirm 1 --method 碎紙機銷毀 --witness lin
"$BIN/purge" --as chen --quiet && echo "(purge --quiet printed nothing: nothing waits for a person)"
heading "The proof (purge history: one record per run, and the confirmation with its witness)"
"$BIN/purge" history
