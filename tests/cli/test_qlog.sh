#!/usr/bin/env bash
# qlog end to end: the usage log's refusals, imports in both encodings, check, sheet, data, handover.
source "$(dirname "$0")/lib.sh"
SRC=${IMCOMPLY_SOURCE:-$(dirname "$0")/../..}
office  # wang: active since 2026-11-05 for entry-exit,foreigner; lin: on the roster, no account

# --- open / close / add and their refusals (R3.3) ---
run qlog --as wang open --item entry-exit --purpose 辦理歸化國籍案件查核 --at "2026-11-10 09:00"
expect 0 "a user opens their own session"
same "$(cat "$OUT")" 1 "open prints the entry id alone"
run qlog --as wang open --item foreigner --purpose 居留查核 --at "2026-11-10 09:05"
expect 3 "a second open session is refused"
err_has "still open" "naming the open one"
run qlog --as wang close 1 --at "2026-11-10 08:59"
expect 3 "logout before login is refused"
run qlog --as wang close 1 --at "2026-11-10 09:06"
expect 0 "close by id"
run qlog --as wang close 1
expect 3 "closing twice is refused"

before=$(snapshot)
run qlog --as wang add --item mainland --purpose 查核 --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 3 "an item not granted is refused"
err_has "mainland is not granted to wang" "saying which"
run qlog --as chen add --user lin --item entry-exit --purpose 查核 --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 3 "a user who is not active is refused"
err_has "was not an active user" "saying why"
run qlog --as wang add --item entry-exit --purpose 查核 --login "2026-10-31 09:00" --logout "2026-10-31 09:05"
expect 3 "a query before the account was approved is refused"
run qlog --as wang add --item entry-exit --purpose "  " --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 3 "an empty purpose is refused"
run qlog --as wang add --item entry-exit --purpose 查核 --login "2026-11-11 09:00" --logout "2026-11-11 08:55"
expect 3 "logout before login is refused in add"
run qlog --as wang add --item entry-exit --purpose 查核 --login "2026-12-01 09:00" --logout "2026-12-01 09:05"
expect 3 "a session in the future is refused"
run qlog --as lin add --user wang --item entry-exit --purpose 查核 --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 4 "someone else's query may be logged only by an admin"
same "$(snapshot)" "$before" "refused entries wrote nothing"
run qlog --as chen add --user wang --item 外籍人士居停留資訊 --purpose 居留查核 --login "115/11/12 14:00" --logout "115/11/12 14:10"
expect 0 "an admin logs someone else's query, with a Chinese item name and ROC times"

# --- imports ---
# The example files name wang, lin, hsu and chen: give the other three accounts from 2026-11-01.
"$BIN/acct" --as chen add hsu --name 許功蓋 >/dev/null
for who in lin hsu chen; do
  "$BIN/acct" --as chen apply $who --items entry-exit,foreigner --date 2026-11-01 >/dev/null
  for s in head county agency; do "$BIN/acct" --as chen approve $who --stage $s --date 2026-11-01 >/dev/null; done
done
run qlog --as wang import "$SRC/examples/usage-utf8-bom.csv" --encoding latin1
expect 2 "an unknown encoding is a usage error, which wins over the officer's refusal (spec §1)"
err_has "latin1" "naming it"
run qlog --as wang import "$SRC/examples/usage-utf8-bom.csv"
expect 4 "an import by an officer is refused"
run qlog --as chen import "$SRC/examples/usage-utf8-bom.csv"
expect 0 "a UTF-8 file with BOM imports"
out_match "Encoding: +utf-8" "detected as UTF-8"
utf8_added=$(grep -E "^Added:" "$OUT" | awk '{print $2}')
run qlog --as chen import "$SRC/examples/usage-utf8-bom.csv"
expect 0 "importing the same file again is fine"
out_has "imported before" "and adds nothing"
run qlog --as chen import "$SRC/examples/usage-big5.csv"
expect 0 "a Big5 file imports"
out_match "Encoding: +big5" "detected as Big5"
out_match "^Added: +0" "the same rows in Big5 are already in the log"
count=$(db_sql "SELECT count(*) FROM usage_entries")

printf '使用者,登入時間,退出時間,查詢項目,資料查詢用途\r\nwang,2026-11-20 09:00,2026-11-20 09:10,入出境資訊,查核A\r\nwang,2026-11-20 10:00,2026-11-20 09:10,入出境資訊,查核B\r\n' >"$WORK/bad.csv"
before=$(snapshot)
run qlog --as chen import "$WORK/bad.csv"
expect 3 "a file with a bad row is rejected"
err_has "bad.csv:3: the logout" "with FILE:LINE: reason"
same "$(snapshot)" "$before" "and nothing of it is written"
printf 'user,login,logout,item,purpose\nwang,2026-11-20 09:00,2026-11-20 09:10,entry-exit,"open quote\n' >"$WORK/open.csv"
run qlog --as chen import "$WORK/open.csv"
expect 3 "a quote left open is rejected"
err_has "open.csv:2" "naming the line"
printf 'user,login,logout,item,purpose\nwang,2026-11-20 09:00,2026-11-20 09:10,entry-exit\n' >"$WORK/short.csv"
run qlog --as chen import "$WORK/short.csv"
expect 3 "a row with too few fields is rejected"
: >"$WORK/empty.csv"
run qlog --as chen import "$WORK/empty.csv"
expect 3 "an empty file is rejected"
run qlog --as chen import "$WORK/missing.csv"
expect 3 "a missing file is rejected"
printf 'purpose,item,user,logout,login\n"查核, 含逗號",entry-exit,王小明,2026-11-21 09:10,2026-11-21 09:00\n' >"$WORK/ok.csv"
printf 'User,Login,Logout,Item,Purpose\nwang,2026-11-12 14:00,2026-11-12 14:10,foreigner,另一用途\n' >"$WORK/conflict.csv"
run qlog --as chen import "$WORK/conflict.csv"
expect 3 "a row that repeats an entry's key but says something else is rejected (English headers in any case)"
err_has "conflict.csv:2: conflicts with entry" "naming the line and the entry"
run qlog --as chen import "$WORK/ok.csv" --dry-run
expect 0 "a dry run validates"
out_has "dry run" "and says so"
same "$(snapshot)" "$before" "a dry run writes nothing"
run qlog --as wang import "$WORK/ok.csv"
expect 4 "only an admin imports"
run qlog --as chen import "$WORK/ok.csv"
expect 0 "columns in any order, a user named by name, a quoted comma"
same "$(db_sql "SELECT purpose FROM usage_entries WHERE login_at LIKE '2026-11-21%'")" "查核, 含逗號" \
  "the quoted field arrives whole"

# --- check (R3.3) ---
run qlog --as chen add --user wang --item entry-exit --purpose 長時間 --login "2026-11-25 09:00" --logout "2026-11-25 10:00"
run qlog --as chen add --user wang --item foreigner --purpose 重疊 --login "2026-11-25 09:30" --logout "2026-11-25 09:40"
run qlog check --month 2026-11
expect 1 "check finds what R3.3 forbids"
out_has "too-long" "a session over 30 minutes"
out_has "overlap" "overlapping sessions"
run qlog check --month 2026-11 --format json
same "$(python3 -c 'import json,sys; print(sorted({f["kind"] for f in json.load(open(sys.argv[1]))}))' "$OUT")" \
  "['overlap', 'too-long']" "check as JSON lists each finding's kind"
run qlog check --month 2026-10
expect 0 "a month with nothing wrong exits 0"

# --- the Annex 1 sheet ---
run qlog sheet --month 2026-11
expect 0 "the sheet prints"
out_has "彰化縣彰化戶政事務所應用移民資訊資料日誌表" "with the official title"
out_has "承辦人員" "and the sign-off line"
out_has "日誌檢查點" "and the journal checkpoint"
run qlog sheet --month 2026-11 --format html
expect 0 "the sheet as HTML"
out_has "<!DOCTYPE html>" "is a page"
run qlog sheet --month 2026-11 --format json
expect 2 "the sheet has no JSON form"

# --- data obtained (R3.7) ---
run qlog --as wang data add --entry 1 --desc 入出境紀錄列印一份
expect 0 "unfiled data defaults to destruction on the query day"
run qlog --as wang data add --entry 1 --desc 歸化案附件 --filed 115-戶-0012
expect 0 "data filed with a case"
run qlog --as wang data add --entry 999 --desc x
expect 3 "data for no entry is refused"
run qlog data list --pending
expect 1 "data past its destroy-by date is overdue"
out_has "OVERDUE" "and shown so"
out_lacks "歸化案附件" "filed data is not pending"

# --- the sign-off (after the data: a signed month is frozen, spec §4) ---
run qlog --as wang sign --month 2026-11 --role officer
expect 4 "signing needs the role signed for"
"$BIN/acct" --as chen role wang --grant officer >/dev/null
run qlog --as wang sign --month 2026-11 --role officer
expect 0 "the officer signs"
run qlog --as wang sign --month 2026-11 --role officer
expect 3 "a role signs once"
run qlog sheet --month 2026-11
out_has "承辦人員：王小明 115年11月29日" "the sheet shows the recorded sign-off"


# --- handover (R3.1) ---
run acct --as chen handover wang --to hsu
expect 0 "a handover lists the records"
out_has "列冊移交" "under its title"
out_has "辦理歸化國籍案件查核" "with the entries"
out_has "歸化案附件" "and the retained data"
out_has "OVERDUE for destruction" "with overdue data shown as overdue"
run acct show wang
out_has "handover" "the handover is on the timeline"
on_file && same "$(sqlite3 "$IMCOMPLY_DB" 'PRAGMA integrity_check')" ok "integrity_check passes"
finish
