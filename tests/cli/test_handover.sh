#!/usr/bin/env bash
# acct handover end to end (R3.1, issue 13 item 7): the period (--from/--until and its default),
# the printable list (--format text|html) with the office header, the signature lines and the
# journal checkpoint, the lists as data (json), what is recorded, and the refusals that write nothing.
source "$(dirname "$0")/lib.sh"
office  # chen admin; wang active since 2026-11-02 (entry-exit,foreigner); lin on the roster, no account

q() { "$BIN/qlog" --as wang "$@" >/dev/null || { echo "setup failed: qlog $*" >&2; exit 1; }; }
q add --item entry-exit --purpose 十月底前之查核 --login "2026-11-03 09:00" --logout "2026-11-03 09:10"   # 1: before the period
q add --item foreigner --purpose 辦理歸化國籍案件查核 --case 115-戶-0012 --login "2026-11-12 14:00" --logout "2026-11-12 14:20"  # 2
q add --item entry-exit --purpose '居留查核 <b>粗體</b>' --login "2026-11-20 10:00" --logout "2026-11-20 10:05"  # 3
q add --item entry-exit --purpose 期間之後的查核 --login "2026-11-27 10:00" --logout "2026-11-27 10:05"  # 4: after the period
q data add --entry 1 --desc 十月列印資料                      # pending, overdue since 2026-11-03
q data add --entry 2 --desc 歸化案附件 --filed 115-戶-0012     # filed with the case
q data add --entry 3 --desc 居留資料列印 --destroy-by 2026-11-30  # pending, not yet due

# --- refusals: each writes nothing ---
before=$(snapshot)
run acct --as chen handover wang --to lin --from 2026-13-01
expect 3 "a bad --from is rejected input"
err_has "--from" "naming the flag"
err_one_line "a bad date is one line"
run acct --as chen handover wang --to lin --until 明天
expect 3 "a bad --until is rejected input"
err_has "--until" "naming the flag"
run acct --as chen handover wang --to lin --from 2026-11-20 --until 2026-11-10
expect 3 "a period that starts after it ends is refused"
err_has "after it ends" "saying so"
run acct --as chen handover wang --to lin --until 2026-11-28 --date 2026-11-25
expect 3 "a period that ends after the handover date is refused"
err_has "after the handover date" "saying so"
run acct --as chen handover wang --to lin --date 2026-12-01
expect 3 "a handover date in the future is refused"
run acct --as chen handover nobody --to lin
expect 3 "an unknown login is refused"
err_has "nobody" "naming it"
run acct --as chen handover wang --to nobody
expect 3 "an unknown receiver is refused"
run acct --as chen handover wang --to wang
expect 3 "a handover to oneself is refused"
run acct --as chen handover wang --to lin --format pdf
expect 2 "an unknown --format is a usage error"
run acct --as chen handover wang --to lin --from
expect 2 "--from without a date is a usage error"
run acct --as chen handover wang
expect 2 "--to is required"
run acct --as chen handover wang --to lin --period 2026-11
expect 2 "an unknown flag is a usage error"
err_one_line "in our own one-line words"
run acct --as wang handover wang --to lin
expect 4 "only an admin records a handover"
run acct --as chen handover wang --to lin --from 2026-13-01 --format html
expect 3 "a bad date with --format html is refused too"
same "$(cat "$OUT")" "" "and prints no form"
same "$(snapshot)" "$before" "refused handovers wrote nothing"

# --- the printable list, text ---
run acct --as chen handover wang --to lin --from 2026-11-10 --until 2026-11-25 --date 2026-11-28 --format text
expect 0 "a handover of a period prints the list"
out_has "彰化縣彰化戶政事務所查詢紀錄文件資料移交清冊" "under the office header"
out_has "移交期間：115年11月10日至115年11月25日" "with the period in ROC dates"
out_has "移交日期：115年11月28日" "and the handover date"
out_has "移交人：王小明（wang）" "naming who hands over"
out_has "接收人：林美麗（lin）" "and who receives"
out_has "辦理歸化國籍案件查核" "an entry inside the period is listed"
out_has "居留查核 <b>粗體</b>" "so is the other one"
out_lacks "十月底前之查核" "an entry before the period is not"
out_lacks "期間之後的查核" "nor one after it"
out_has "一、應用移民資訊資料日誌（2 筆）" "the entries are counted"
out_has "二、期間內查詢所得資料（2 筆）" "the data of the period are counted"
out_has "隨文附卷（115-戶-0012）" "filed data shows its archive number"
out_has "三、尚待銷毀資料（不限期間）（2 筆）" "the data still to destroy, whatever their date"
out_has "十月列印資料" "pending data from before the period is still handed over"
out_has "（已逾期）" "and marked overdue"
out_has "待銷毀，期限115年11月30日" "pending data shows its destroy-by day"
out_has "移交人：＿＿＿＿　　接收人：＿＿＿＿　　監交人：＿＿＿＿" "the three signature lines"
head=$(db_sql "SELECT seq || ':' || hash FROM journal ORDER BY seq DESC LIMIT 1")
out_has "日誌檢查點：$head" "the footer has the journal checkpoint, the handover's own record included"
same "$(db_sql 'SELECT login, to_login, handed_on, entries, data_items, recorded_by FROM handovers')" \
  "wang|lin|2026-11-28|2|3|chen" "the handover is recorded with its counts"
same "$(db_sql "SELECT count(*) FROM journal WHERE entity = 'handovers'")" 1 "and journaled"
run acct show wang
out_has "2 entries of 2026-11-10 to 2026-11-25 and 3 data items listed and handed to lin" "the timeline names the period"

# --- html, and the default period: from the day of the last handover ---
q add --item entry-exit --purpose 移交當日之後的查核 --login "2026-11-28 16:00" --logout "2026-11-28 16:05"  # 5
run acct --as chen handover wang --to lin --format html
expect 0 "the html form"
out_has "<!DOCTYPE html>" "is a page"
out_has "<h1>彰化縣彰化戶政事務所查詢紀錄文件資料移交清冊</h1>" "with the office header"
out_has "移交期間：115年11月28日至115年11月29日" "by default from the day of the last handover to the handover date"
out_has "移交當日之後的查核" "so an entry recorded after that handover is listed"
out_lacks "辦理歸化國籍案件查核" "and what was handed over before is not"
out_has "<span>移交人：＿＿＿＿</span>" "signature line 移交人"
out_has "<span>接收人：＿＿＿＿</span>" "signature line 接收人"
out_has "<span>監交人：＿＿＿＿</span>" "signature line 監交人"
out_has "居留資料列印" "pending data is handed over again while it waits"
out_has "@page { size: A4" "printed on A4 like the other forms"
out_match 'class="checkpoint">日誌檢查點：[0-9]+:[0-9a-f]{64}<' "with the checkpoint in the footer"

# --- the lists as data ---
run acct --as chen handover wang --to lin --from 2026-11-01 --until 2026-11-15 --format json
expect 0 "json"
same "$(jq -r '.handover.period_from + " " + .handover.period_until + " " + .handover.date' "$OUT")" \
  "2026-11-01 2026-11-15 2026-11-29" "JSON has the period and the date"
same "$(jq -r '[.entries[].id] | join(",")' "$OUT")" "1,2" "the entries of the period"
same "$(jq -r '[.data[].id] | join(",")' "$OUT")" "1,2" "the data of the period"
same "$(jq -r '[.pending[].id] | sort | join(",")' "$OUT")" "1,3" "the data still to destroy"
same "$(jq -r '.handover.data_items' "$OUT")" 3 "counted once each"
run acct --as chen handover lin --to wang --format json
expect 0 "someone with no entries"
same "$(jq -r '"\(.handover.period_from) \(.handover.entries)"' "$OUT")" \
  "2026-11-29 0" "has an empty list that starts on the handover date"
run acct --as chen handover wang --to lin --from 2026-11-01 --format csv
expect 0 "csv"
out_has "辦理歸化國籍案件查核" "has the entries"
run acct --as chen handover wang --to lin --from 2026-11-01
expect 0 "the default table"
out_has "列冊移交" "keeps its title"
on_file && same "$(sqlite3 "$IMCOMPLY_DB" 'PRAGMA integrity_check')" ok "integrity_check passes"
finish
