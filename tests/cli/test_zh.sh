#!/usr/bin/env bash
# --lang zh-TW end to end (issue 13 item 4): fixed values, messages and hints in Chinese from the
# one catalogue; the Chinese names of kinds and reasons and ROC months accepted as input; JSON in
# English and ISO whatever --lang and --date-style say.
source "$(dirname "$0")/lib.sh"
# err_one_line_zh NAME: a Chinese error is one line `PROGRAM: 錯誤：…`, plus at most a hint line.
err_one_line_zh() {
  if [ "$(grep -c ': 錯誤：' "$ERR")" -eq 1 ] && [ "$(grep -vc ': 提示：' "$ERR")" -eq 1 ]; then ok; else fail "$1 (error is not one line)"; fi
}
SRC=${IMCOMPLY_SOURCE:-$(dirname "$0")/../..}
office
"$BIN/acct" --as chen add hsu --name 許功蓋 >/dev/null
for who in lin hsu chen; do
  "$BIN/acct" --as chen apply $who --items entry-exit,foreigner --date 2026-11-01 >/dev/null
  for s in head county agency; do "$BIN/acct" --as chen approve $who --stage $s --date 2026-11-01 >/dev/null; done
done
"$BIN/acct" --as chen add tsai --name 蔡依林 >/dev/null
"$BIN/qlog" --as chen import "$SRC/examples/usage-utf8-bom.csv" >/dev/null || { echo "usage import failed" >&2; exit 1; }

# --- values in Chinese in a table ---
run acct list --lang zh-TW
expect 0 "acct list in Chinese"
out_has "狀態" "the headings are Chinese"
out_has "使用中" "an active account is 使用中"
out_has "無帳號" "no account is 無帳號 (tsai)"
out_has "入出境資訊、外籍人士居停留資訊" "the items are their Chinese names"
out_has "系統管理人員" "the roles are their Chinese names"
out_lacks "active" "no English status left"
out_lacks "entry-exit" "no English item left"
run acct list
out_has "active" "in English the status is still active"
out_has "entry-exit,foreigner" "and the items their spec names"

run acct show wang --lang zh-TW
expect 0 "acct show in Chinese"
out_has "核准：主任" "the timeline's events are Chinese (approved: head)"
out_has "已申請" "applied is 已申請"
out_lacks "approved: head" "no English event left"
run acct show wang
out_has "approved: head" "in English the event is unchanged"

run acct due --lang zh-TW
expect 0 "nothing due"
out_has "（無）" "an empty table says （無）"
run acct due
out_has "(none)" "in English (none)"

LC_ALL=zh_TW.UTF-8 "$BIN/acct" due >"$OUT" 2>"$ERR"
out_has "（無）" "LC_ALL=zh_TW picks Chinese without --lang"

# --- Chinese names accepted as input ---
run acct --as chen change wang --kind 調職 --date 2026-11-30 --lang zh-TW
expect 0 "acct change --kind 調職 is accepted"
out_has "職務異動已登錄" "and confirmed in Chinese"
out_has "日曆日" "the counting is shown in Chinese"
run acct due --format json
out_has '"change": "transfer"' "調職 was stored as transfer"
run acct due --lang zh-TW
out_has "調職" "acct due shows the kind in Chinese"
out_has "尚餘" "and the days left"
run acct --as chen terminate wang --reason 職務異動 --lang zh-TW
expect 0 "acct terminate --reason 職務異動 is accepted"
run acct show wang --format json
out_has '"reason": "duty-change"' "職務異動 was stored as duty-change"
run acct show wang --lang zh-TW
out_has "已終止" "terminated is 已終止"
out_has "職務異動：調職" "the duty change event is Chinese word by word"
run acct list --status 已終止 --format csv
expect 0 "a status is accepted in Chinese"
out_has "wang," "and filters"
"$BIN/acct" --as chen apply tsai --items 入出境資訊 --date 2026-11-20 >/dev/null
run acct --as chen approve tsai --stage 主任 --date 2026-11-20 --format json
expect 0 "acct approve --stage 主任 is accepted"
out_has '"stage": "head"' "and stored and shown in JSON as head"
run acct --as chen approve tsai --stage 縣府 --date 2026-11-20
expect 2 "an unknown stage is still a usage error"
run acct list --lang zh-TW
out_match "主任，自 115/11/20 起|主任，自 2026-11-20 起" "the stage of an application in Chinese"
run acct --as chen change lin --kind 轉任 --date 2026-11-30 --lang zh-TW
expect 3 "an unknown kind is refused"
err_has "acct: 錯誤：沒有「轉任」這種異動種類（請用業務調整、調職、停職、離職、退職）" "the refusal is Chinese and lists the Chinese kinds"
err_one_line_zh "one line"
run acct --as chen change lin --kind 轉任 --date 2026-11-30
err_has "unknown kind of duty change \"轉任\" (use reassignment, transfer, suspension, resignation, retirement)" "in English as before"

# --- months in ROC forms ---
run qlog list --month 2026-11 --format csv
want=$(cat "$OUT")
for m in 115-11 115/11 115年11月 民國115年11月; do
  run qlog list --month "$m" --format csv
  expect 0 "qlog list --month $m"
  same "$(cat "$OUT")" "$want" "--month $m is November 2026"
done
run qlog list --month 115年13月 --lang zh-TW
expect 3 "a bad month is refused"
err_has "qlog: 錯誤：不是月份：「115年13月」" "in Chinese"
run qlog list --month 115年13月
err_has "qlog: error: not a month: \"115年13月\" (use 2026-11, 115/11 or 115年11月)" "and in English"
run qlog list --month 115年11月 --lang zh-TW
out_has "入出境資訊" "qlog list shows items in Chinese"

# --- errors and hints ---
run acct show nobody --lang zh-TW
expect 3 "an unknown user"
err_has "acct: 錯誤：使用者名冊上沒有 nobody" "the error is Chinese"
err_has "acct: 提示：請見：acct list" "and its hint"
err_one_line_zh "one line and a hint"
run acct show nobody
err_has "acct: error: unknown user nobody" "in English as before"
err_has "acct: hint: see: acct list" "with its hint"
run acct --as chen change lin --kind transfer --date 2026-02-30 --lang zh-TW
expect 3 "a bad date"
err_has "acct: 錯誤：--date：不是日期：\"2026-02-30\"" "is refused in Chinese"
run acct --as wang add tseng --name 曾 --lang zh-TW
expect 4 "a role missing"
err_has "未具此項作業所需之系統管理人員角色" "is refused in Chinese, the role by its Chinese name"
run acct --lang zh-TW lsit
expect 2 "an unknown command"
err_has "acct: 錯誤：沒有「lsit」這個指令" "in Chinese"
err_has "acct: 提示：請見 acct --help" "with the hint"
run acct --lang fr list
expect 2 "a bad --lang"
err_has "--lang must be en or zh-TW" "says what it takes"

# --- completion keeps the English values ---
run acct __complete change wang --kind ""
out_has "transfer" "completion offers the English kind"
out_lacks "調職" "and not the Chinese"

# --- JSON: English keys and values, ISO dates, whatever --lang and --date-style say ---
json_same() {  # json_same PROGRAM ARGS…: the JSON with --lang zh-TW --date-style roc is the plain one
  local program=$1
  shift
  run "$program" "$@" --format json
  local plain code=$RC
  plain=$(cat "$OUT")
  run "$program" "$@" --format json --lang zh-TW --date-style roc
  expect "$code" "$program $* --format json in Chinese exits as the plain one"
  same "$(cat "$OUT")" "$plain" "$program $*: JSON the same whatever --lang and --date-style"
}
json_same acct list
json_same acct show wang
json_same acct due --all
json_same qlog list --month 2026-11
"$BIN/acct" --as chen role chen --grant auditor >/dev/null
"$BIN/audit" --as chen import "$SRC/examples/system-log-2026-11.csv" >/dev/null
json_same audit reconcile --month 2026-11
json_same purge history
run acct show wang --format json --date-style roc
out_has '"active_since": "2026-11-02"' "a date in JSON is ISO under --date-style roc"
out_lacks "115/" "no ROC date in JSON"
run acct show wang --date-style roc
out_has "115/11/02" "while the table follows --date-style"
C=$WORK/county.db
"$BIN/county" --db "$C" init --county 10000 --name 彰化縣政府民政處 --admin clerk --admin-name 林書記 \
  --admin-os-user "$(id -un)" >/dev/null
"$BIN/county" --db "$C" office add 10008 --name 彰化 >/dev/null
json_same county --db "$C" office list

finish
