#!/usr/bin/env bash
# acct end to end: the roster, the three approval stages, reading commands and their formats.
source "$(dirname "$0")/lib.sh"

run acct init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文
expect 0 "init creates the database"
on_file && same "$(stat -c %a "$IMCOMPLY_DB")" 600 "the new database is mode 0600"
(umask 000 && "$BIN/acct" --db "$WORK/loose.db" init --office 1 --office-name x --admin a --admin-name b >/dev/null)
same "$(stat -c %a "$WORK/loose.db")" 600 "mode 0600 even under umask 000"

run acct --as chen add wang --name 王小明 --title 科員
expect 0 "add a person"
run acct add lin --name 林美麗 --as chen
expect 0 "global options work after the subcommand"
run acct --as chen role lin --grant auditor
expect 0 "grant a role"
run acct --as chen role lin --grant wizard
expect 3 "an unknown role is rejected"
err_has "unknown role" "the message names the problem"

run acct --as chen apply wang --items entry-exit,外籍人士居停留資訊 --date 115/11/01
expect 0 "apply with a Chinese item name and an ROC date"
run acct --as chen approve wang --stage county
expect 3 "county before head is refused"
err_has "the next stage is head, not county" "the refusal names the expected stage"
run acct --as chen approve wang --stage head --date 2026-11-02
expect 0 "head approval"
run acct list --status pending
expect 0 "list reads without --as"
out_has "head since 2026-11-02 (27 days)" "list says where the application stands and for how long"
run acct --as chen approve wang --stage county --date 1151103
expect 0 "county approval with a seven-digit date"
run acct --as chen approve wang --stage agency --date 民國115年11月5日 --ref AG-115-1
expect 0 "agency approval activates the account"

run acct show wang
expect 0 "show"
out_match "^Status: +active$" "show gives the status"
out_has "entry-exit,foreigner" "show gives the granted items"
out_has "approved: agency" "show gives the timeline"

run acct roster
expect 0 "roster"
out_has "彰化 使用者名冊" "the roster has its official title"
out_has "wang   王小明  科員" "the roster lines up Chinese names"
out_lacks "lin" "only approved users are on the roster"

run acct --as chen deputy wang --deputy lin
expect 3 "a deputy who is not active is refused"
err_has "not an active user" "the refusal says why"

run acct list --format json
expect 0 "list as JSON"
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([u["login"] for u in d], d[2]["name"])' "$OUT")" \
  "['chen', 'lin', 'wang'] 王小明" "the JSON document has stable keys and UTF-8 names"
run acct list --format csv
expect 0 "list as CSV"
same "$(head -1 "$OUT" | tr -d '\r')" "login,name,title,unit,status,stage,items,roles,deputy" "CSV has a header of keys"
same "$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(r[3][4], r[3][6])' "$OUT")" \
  "active entry-exit,foreigner" "CSV quotes a field with a comma"

run acct --lang zh-TW roster
out_has "姓名" "zh-TW labels"
run acct roster --date-style roc
out_has "115/11/05" "ROC date style"
LANG=zh_TW.UTF-8 LC_ALL= "$BIN/acct" roster >"$OUT" 2>"$ERR"
RC=$?
out_has "職務代理人" "the language follows LANG"

run acct --as chen suspend wang --reason "under investigation"
expect 0 "suspend"
run acct --as chen suspend wang --reason again
expect 3 "a suspended account cannot be suspended again"
run acct --as chen reinstate wang
expect 0 "reinstate"

run acct --as chen agency status
expect 1 "the audit function is flagged while unregistered"
out_has "UNREGISTERED" "agency status says so"
run acct --as chen agency register --by chen --functions audit,account-admin --date 2026-11-20
expect 0 "agency register"
run acct --as chen agency approve --date 2026-11-25
expect 0 "agency approve"
run acct agency status
expect 0 "registered once approved"

if on_file; then
  run acct --as chen backup "$WORK/copy.db"
  expect 0 "backup"
  same "$(stat -c %a "$WORK/copy.db")" 600 "the backup is mode 0600"
  run acct --db "$WORK/copy.db" show wang
  expect 0 "the backup opens"
  out_has "王小明" "the backup holds the roster"
  run acct --as chen backup "$WORK/copy.db"
  expect 3 "a backup never overwrites a file"
  same "$(sqlite3 "$IMCOMPLY_DB" 'PRAGMA integrity_check')" ok "integrity_check passes"
  caller=$(id -un)
else
  run acct --as chen backup "$WORK/copy.db"
  expect 6 "the central store is backed up by its server, not by acct backup"
  err_has "pg_dump" "the refusal names the server's tools"
  [ ! -e "$WORK/copy.db" ] && ok || fail "and makes no file"
  caller=imcomply  # the session's role (spec §10), which created the tenant
fi
same "$(db_sql "SELECT DISTINCT actor || '/' || os_user FROM journal" | LC_ALL=C sort | tr '\n' ' ')" \
  "chen/$caller " "every journal record names the actor (init: the first administrator) and the caller"
finish
