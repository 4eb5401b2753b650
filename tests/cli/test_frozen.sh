#!/usr/bin/env bash
# Issue 11 items 3–5 end to end: a signed form is frozen (spec §4), a terminated or suspended
# account cannot log a session after the fact was recorded, and the smaller refusals.
source "$(dirname "$0")/lib.sh"
export IMCOMPLY_NOW=2026-11-03T09:00  # before the clock of every step below: record times never run backwards
office  # wang: active since 2026-11-02 for entry-exit,foreigner; lin: on the roster, no account
at() { IMCOMPLY_NOW=$1; export IMCOMPLY_NOW; }  # the clock for the commands that follow
# flat_has TEXT NAME: stdout has TEXT once the form's line wrapping (newlines, indents) is undone.
flat_has() { if tr -d '\n ' <"$OUT" | grep -qF -- "$1"; then ok; else fail "$2 (stdout lacks, unwrapped: $1)"; fi; }

for role in officer secretary head; do "$BIN/acct" --as chen role chen --grant $role >/dev/null; done

# --- item 3: a signed Annex 1 month is frozen ---
at 2026-11-20T10:00:00+08:00
run qlog --as wang add --item entry-exit --purpose 歸化查核 --login "2026-11-10 09:00" --logout "2026-11-10 09:05"
expect 0 "an entry before signing"
run qlog --as wang add --item entry-exit --purpose 補登 --login "2026-11-10 11:00" --logout "2026-11-10 11:05" \
  --after-signing --reason " "
expect 3 "an empty --reason is refused on a month not signed yet too"
err_has "--reason is empty" "saying so"
run qlog --as wang open --item foreigner --purpose 居留查核 --at "2026-11-10 10:00"
expect 0 "an open session before signing"
run qlog --as chen sign --month 2026-11 --role officer
expect 0 "one sign-off"

before=$(snapshot)
run qlog --as wang add --item entry-exit --purpose 補登 --login "2026-11-11 09:00" --logout "2026-11-11 09:05"
expect 3 "qlog add to a signed month is refused (one sign-off already freezes the sheet)"
err_has "usage-log sheet (Annex 1) is signed (officer chen" "naming the sign-off"
err_has "--after-signing --reason" "and the way to record a late entry"
err_one_line "the refusal is one line and a hint"
run qlog --as wang open --item entry-exit --purpose 補登 --at "2026-11-12 09:00"
expect 3 "qlog open in a signed month is refused"
run qlog --as wang close 2 --at "2026-11-10 10:04"
expect 3 "qlog close of a signed month's entry is refused"
run qlog --as wang data add --entry 1 --desc 列印一份
expect 3 "qlog data add for a signed month's entry is refused"
printf 'user,login,logout,item,purpose\nwang,2026-11-13 09:00,2026-11-13 09:05,entry-exit,紙本補登\n' >late.csv
run qlog --as chen import late.csv
expect 3 "an import with a row in a signed month is refused"
err_has "is signed" "saying so"
same "$(snapshot)" "$before" "the refusals wrote nothing"

run qlog --as wang add --item entry-exit --purpose 補登 --login "2026-11-11 09:00" --logout "2026-11-11 09:05" --reason x
expect 2 "--reason without --after-signing is a usage error"
run qlog --as wang add --item entry-exit --purpose 補登 --login "2026-11-11 09:00" --logout "2026-11-11 09:05" --after-signing
expect 2 "--after-signing without --reason is a usage error"
run qlog --as wang add --item entry-exit --purpose 補登 --login "2026-11-11 09:00" --logout "2026-11-11 09:05" --after-signing --reason " "
expect 3 "an empty reason is refused"
same "$(snapshot)" "$before" "and wrote nothing"

at 2026-11-21T09:00:00+08:00
run qlog --as wang add --item entry-exit --purpose 紙本補登查核 --login "2026-11-11 09:00" --logout "2026-11-11 09:05" \
  --after-signing --reason "紙本日誌漏登"
expect 0 "a late entry found on paper, with --after-signing --reason"
run qlog --as wang close 2 --at "2026-11-10 10:04" --after-signing --reason "漏登退出"
expect 0 "a late logout, likewise"
run qlog --as chen import late.csv --after-signing --reason "紙本補登匯入"
expect 0 "a late import, likewise"
run qlog --as wang data add --entry 1 --desc 列印一份 --after-signing --reason "補登查詢所得資料"
expect 0 "late data, likewise"
same "$(db_sql 'SELECT count(*) FROM signed_form_changes')" 4 "each change is recorded"
same "$(db_sql "SELECT count(*) FROM journal WHERE entity = 'signed_form_changes'")" 4 "and journaled"
same "$(db_sql "SELECT reason FROM signed_form_changes WHERE action = 'qlog.add'")" 紙本日誌漏登 "with its reason"

run qlog sheet --month 2026-11
expect 0 "the sheet"
out_has "簽核後異動" "shows that it changed after signing"
flat_has "原因：紙本日誌漏登" "with the reason"
out_has "新增第 3 筆" "and the change"
out_has "匯入 1 筆" "the import"
out_has "待重簽" "and the stale sign-off"
run qlog sheet --month 2026-11 --format html
out_has "簽核後異動" "in HTML too"
out_has "紙本日誌漏登" "with the reason"
run qlog sheet --month 2026-11 --format csv
out_has "簽核後異動" "and CSV"

run qlog --as chen sign --month 2026-11 --role secretary
expect 0 "a first signature after the change covers it"
run qlog sheet --month 2026-11
out_has "簽核後異動" "still shown: the officer has not signed again"
run qlog --as chen sign --month 2026-11 --role officer
expect 0 "the officer signs again"
run qlog sheet --month 2026-11
out_lacks "簽核後異動" "signed again: no longer shown"
out_lacks "待重簽" "and no stale sign-off"
run qlog --as chen sign --month 2026-11 --role officer
expect 3 "a current signature is not given twice"
run audit verify
expect 0 "verify passes with the changes and the renewed signature"

run qlog --as wang add --item entry-exit --purpose 再補登 --login "2026-11-20 09:10" --logout "2026-11-20 09:12" \
  --after-signing --reason 補登
expect 0 "--after-signing again"
run qlog --as chen sign --month 2026-11 --role director
expect 0 "the director signs the changed sheet"
run qlog sheet --month 2026-11
out_has "待重簽" "the officer's and secretary's signatures are stale again"
at 2026-12-02T09:00:00+08:00
run audit supervision --year 2026
flat_has "2026-11日誌表（附件一）簽章1/3（承辦人員、秘書、主任），2項簽核後異動待重簽" \
  "a stale sign-off does not count as signed on the year's item 4"
at 2026-11-21T09:30:00+08:00  # back to the scenario's day: supervision only read

# --- item 3: a signed Annex 2 month is frozen ---
for role in auditor chief; do "$BIN/acct" --as chen role chen --grant $role >/dev/null; done
at 2026-11-22T09:00:00+08:00
run audit --as chen record --month 2026-11 --item 3 --result conform --note 查詢範圍相符
expect 0 "item 3 recorded before signing"
for role in auditor chief secretary director; do
  run audit --as chen sign --month 2026-11 --role $role
  expect 0 "Annex 2 signed by its $role"
done
before=$(snapshot)
run audit --as chen record --month 2026-11 --item 3 --result nonconform --note 發現未登錄之查詢
expect 3 "audit record after the sign-offs is refused"
err_has "audit record (Annex 2) is signed (auditor chen" "naming the sign-offs"
same "$(snapshot)" "$before" "and writes nothing"
run audit --as chen record --month 2026-11 --item 3 --result nonconform --note 發現未登錄之查詢 \
  --after-signing --reason 事後發現紙本紀錄
expect 0 "a late change of item 3 with --after-signing --reason"
run audit monthly --month 2026-11
out_has "簽核後異動" "Annex 2 shows that it changed after signing"
out_has "第 3 項稽核結果：符合 → 不符" "with the change"
flat_has "原因：事後發現紙本紀錄" "and its reason"
out_has "稽核人員：陳大文 115年11月22日（簽核後異動，待重簽）" "each sign-off marked stale"
run audit monthly --month 2026-11 --format html
out_has "簽核後異動" "in HTML"
run audit monthly --month 2026-11 --format json
out_has '"after_signing"' "and in JSON"
out_has "事後發現紙本紀錄" "with the reason"
for role in auditor chief secretary director; do
  run audit --as chen sign --month 2026-11 --role $role
  expect 0 "the $role signs the changed record again"
done
run audit monthly --month 2026-11
out_lacks "簽核後異動" "signed again by all four: no longer shown"
run audit verify
expect 0 "verify passes"

# --- item 4: no session after a termination or suspension was recorded ---
at 2026-12-03T10:00:00+08:00
run acct --as chen terminate wang --reason request
expect 0 "wang terminated at 10:00"
at 2026-12-03T15:00:00+08:00
before=$(snapshot)
run qlog --as wang open --item entry-exit --purpose 查核
expect 3 "a terminated account cannot open a session the same afternoon"
err_has "was not an active user" "saying why"
run qlog --as chen add --user wang --item entry-exit --purpose 查核 --login "2026-12-03 14:00" --logout "2026-12-03 14:05"
expect 3 "nor add one that starts after the termination was recorded"
same "$(snapshot)" "$before" "nothing written"
run qlog --as chen add --user wang --item entry-exit --purpose 上午查核 --login "2026-12-03 09:00" --logout "2026-12-03 09:05"
expect 0 "a session that began before the termination was recorded is still wang's"

"$BIN/acct" --as chen add hsu --name 許功蓋 >/dev/null
"$BIN/acct" --as chen apply hsu --items entry-exit --date 2026-11-02 >/dev/null
for stage in head county agency; do "$BIN/acct" --as chen approve hsu --stage $stage --date 2026-11-02 >/dev/null; done
run acct --as chen suspend hsu --reason 調查中
expect 0 "hsu suspended at 15:00"
at 2026-12-03T16:00:00+08:00
run qlog --as hsu open --item entry-exit --purpose 查核
expect 3 "a suspended account cannot open a session"
run qlog --as chen add --user lin --item entry-exit --purpose 查核 --login "2026-12-03 15:30" --logout "2026-12-03 15:35"
expect 3 "nor can an account never approved"

run qlog check --month 2026-12
out_lacks "not-active" "the log so far has no session after a termination"
# A session that exists (logged by an older version) is flagged.
db_sql "INSERT INTO usage_entries (login, item, purpose, login_at, logout_at, recorded_at, recorded_by)
  VALUES ('wang', 'entry-exit', '舊版登錄', '2026-12-03T15:00:00+08:00', '2026-12-03T15:05:00+08:00', '2026-12-03T15:06:00+08:00', 'wang')"
run qlog check --month 2026-12
expect 1 "qlog check finds the session after the termination"
out_has "not-active" "as not active"

# --- item 5: the smaller cases ---
run qlog --as wang data add --entry 6 --desc 列印一份 --filed ""
expect 3 "an empty archive number is refused"
err_has "archive number" "saying which"
run qlog --as wang data add --entry 6 --desc 列印一份 --filed "  "
expect 3 "a blank one too"
run purge --as wang hold add --reason 訴訟
expect 2 "hold add with no selector is a usage error, even for a non-admin (usage wins, spec §1)"
mkdir -p adir
run qlog --as chen import adir
expect 3 "a directory given to import is rejected input, like a file that cannot be read"
err_has "adir" "naming it"
run audit report --by subject
expect 3 "audit report --by subject is rejected input, as audit(1) says"
err_has "subject" "naming it"
run audit --db nowhere.db report --by subject
expect 6 "storage still comes first"
run audit --as chen plan --year 2911
expect 3 "audit plan --year 2911 is refused: dates stop at 2910"
err_has "2910" "saying so"
# A read of a 0400 database must not leave a 0400 -shm behind for the next write (as a real user).
chmod 711 "$WORK"
mkdir ro
run acct --db ro/office.db init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文
"$BIN/acct" --db ro/office.db --as chen add nob --name 無名 --os-user nobody >/dev/null
rm -f ro/office.db-wal ro/office.db-shm
chown -R nobody ro
chmod 0400 ro/office.db
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody "$BIN/qlog" --db ro/office.db list >"$OUT" 2>"$ERR"
RC=$?
expect 0 "a read of a 0400 database"
if [ -e ro/office.db-shm ]; then same "$(stat -c %a ro/office.db-shm)" 600 "leaves no read-only -shm"; fi
chmod 0600 ro/office.db
as_nobody "$BIN/acct" --db ro/office.db role nob --grant admin >"$OUT" 2>"$ERR"
RC=$?
expect 4 "the next write fails only for the reason it should (nob is no admin), not as read-only storage"
as_nobody touch ro/office.db-shm && chmod 0400 ro/office.db-shm
as_nobody "$BIN/qlog" --db ro/office.db list >"$OUT" 2>"$ERR"
RC=$?
expect 6 "a read-only -shm beside a writable database is refused"
err_has "ro/office.db-shm is read-only" "naming the file"
err_has "chmod 600" "and the chmod that fixes it"

run qlog --wait nan list
expect 2 "--wait nan is a usage error"
run qlog --wait inf list
expect 2 "--wait inf too"

finish
