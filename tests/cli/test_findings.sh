#!/usr/bin/env bash
# Findings that are never wrong (issue 11): each official question has one answer, the same on
# Annex 2 (audit monthly, a month) and Annex 3 (audit supervision, a year), over the same records.
source "$(dirname "$0")/lib.sh"

# answer FORM ITEM: item ITEM's answer on the last run's JSON — "conform"/"nonconform" for Annex 2
# (the proposed result), "yes"/"no" for Annex 3 — then a tab and its evidence on one line.
answer() {
  python3 - "$OUT" "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
item = next(i for i in d["items"] if i["item"] == int(sys.argv[3]))
result = item["proposed"] if sys.argv[2] == "monthly" else ("yes" if item["yes"] else "no")
print(result + "\t" + item["evidence"].replace("\n", " | "))
EOF
}
# answer_is FORM ITEM RESULT NAME / evidence_has FORM ITEM TEXT NAME: on the last run's JSON.
answer_is() { same "$(answer "$1" "$2" | cut -f1)" "$3" "$4"; }
evidence_has() {
  if answer "$1" "$2" | cut -f2 | grep -qF -- "$3"; then ok; else fail "$4 (item $2 evidence lacks: $3)"; fi
}
# fresh [DAY]: a new office in a new database (wang active since DAY, default 2026-11-02).
fresh() {
  new_store "$1"
  shift
  office "$@"
}
monthly() { run audit monthly --month "$1" --format json; }
yearly() { run audit supervision --year "$1" --format json; }

# --- Two answers to one question: a lost certificate told to the Agency two days late (R3.6) ---
fresh cert
"$BIN/acct" --as chen cert-lost wang --at 2026-11-10T09:00 --notified-at 2026-11-12T09:00 --ref AG-9 >/dev/null
monthly 2026-11
expect 1 "Annex 2 for a month with a lost certificate told late does not conform"
answer_is monthly 2 nonconform "item 2 of Annex 2 is 不符 when the Agency was told two days after the loss"
evidence_has monthly 2 "始通知移民署" "and says when the Agency was told"
yearly 2026
expect 1 "Annex 3 of that year has a 否"
answer_is supervision 2 no "item 2 of Annex 3 is 否 over the same records: one evaluator, one answer"
evidence_has supervision 2 "始通知移民署" "with the same evidence"
monthly 2026-10
answer_is monthly 2 conform "a month before the loss is not charged with it"

# --- Item 2 misses a missed deadline: transfer 11-20 (deadline 11-26), terminated 12-03 ---
fresh deadline
"$BIN/acct" --as chen change wang --kind transfer --date 2026-11-20 >/dev/null
IMCOMPLY_NOW=2026-12-01T09:00:00+08:00 run audit monthly --month 2026-11 --format json
answer_is monthly 2 nonconform "on 12-01, with the account still open past its 11-26 deadline, November is 不符"
evidence_has monthly 2 "尚未終止" "naming the termination still outstanding"
IMCOMPLY_NOW=2026-12-03T10:00:00+08:00 "$BIN/acct" --as chen terminate wang --reason duty-change --date 2026-12-03 >/dev/null
export IMCOMPLY_NOW=2026-12-05T10:00:00+08:00
monthly 2026-11
answer_is monthly 2 nonconform "a deadline that passed in November with the account active is 不符 though terminated in December"
evidence_has monthly 2 "逾期限 2026-11-26" "with the deadline and how late"
out_lacks "本月職務異動均於期限內終止帳號" "and never says every change was met in time"
monthly 2026-12
answer_is monthly 2 nonconform "December, when it still stood open until the 3rd, is 不符 too"
yearly 2026
answer_is supervision 2 no "and so is the year"
export IMCOMPLY_NOW=2026-11-29T10:00:00+08:00

fresh intime
IMCOMPLY_NOW=2026-11-25T09:00:00+08:00 "$BIN/acct" --as chen change wang --kind transfer --date 2026-11-20 >/dev/null
IMCOMPLY_NOW=2026-11-25T10:00:00+08:00 "$BIN/acct" --as chen terminate wang --reason duty-change --date 2026-11-25 >/dev/null
monthly 2026-11
answer_is monthly 2 conform "a termination within the six days conforms"
yearly 2026
answer_is supervision 2 yes "on Annex 3 too"

# --- Late destruction vanishes: destroy-by 11-02, confirmed shredded on 11-29 (R3.7) ---
fresh destroy
entry=$("$BIN/qlog" --as wang open --item entry-exit --purpose 查核 --at 2026-11-02T09:00 --format json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(next(v for k, v in d.items() if isinstance(v, dict))["id"])' 2>/dev/null)
[ -n "$entry" ] || entry=$(db_sql 'SELECT max(id) FROM usage_entries')
"$BIN/qlog" --as wang close "$entry" --at 2026-11-02T09:05 >/dev/null
"$BIN/qlog" --as wang data add --entry "$entry" --desc 列印之入出境紀錄 --destroy-by 2026-11-02 >/dev/null
item=$(db_sql 'SELECT max(id) FROM obtained_data')
run purge --as chen confirm "$item" --method shredded
expect 0 "the late destruction is confirmed on 11-29"
monthly 2026-11
answer_is monthly 4 nonconform "data destroyed after its destroy-by day is 不符 in item 4 even once confirmed"
evidence_has monthly 4 "應於 2026-11-02 前銷毀，2026-11-29 始銷毀" "with both days"
yearly 2026
answer_is supervision 4 no "and 否 on Annex 3"
evidence_has supervision 4 "2026-11-29 始銷毀" "with the same evidence"

# --- Findings that never reached the forms: R3.5, R4.4, forms left unsigned ---
fresh unregistered
monthly 2026-11
answer_is monthly 4 nonconform "audit functions not registered with the Agency make item 4 不符"
evidence_has monthly 4 "稽核功能未經移民署核准機關憑證註冊（R3.5）" "naming R3.5"
yearly 2026
evidence_has supervision 4 "稽核功能未經移民署核准機關憑證註冊（R3.5）" "on Annex 3 too"
IMCOMPLY_NOW=2026-11-10T09:00:00+08:00 "$BIN/acct" --as chen agency register --by chen --functions audit,account-admin >/dev/null
IMCOMPLY_NOW=2026-11-10T09:00:00+08:00 "$BIN/acct" --as chen agency approve >/dev/null
monthly 2026-11
evidence_has monthly 4 "稽核功能於 2026-11-10 始經移民署核准機關憑證註冊，此前未註冊（R3.5）" \
  "audit functions approved on 11-10, when accounts were active since 11-02, leave days unregistered"
monthly 2026-12
out_lacks "（R3.5）" "a month wholly after the approval has no R3.5 finding"

fresh registered
IMCOMPLY_NOW=2026-11-01T09:00:00+08:00 "$BIN/acct" --as chen agency register --by chen --functions audit,account-admin >/dev/null
IMCOMPLY_NOW=2026-11-01T09:00:00+08:00 "$BIN/acct" --as chen agency approve >/dev/null
monthly 2026-11
out_lacks "（R3.5）" "audit functions approved before the first account are no finding"

fresh unreviewed 2026-03-02
monthly 2026-11
answer_is monthly 4 nonconform "a half-year in force without a closed permission review makes item 4 不符"
evidence_has monthly 4 "2026H1 未完成使用者權限清查（R4.4" "naming the half-year"
yearly 2026
evidence_has supervision 4 "2026H1 未完成使用者權限清查（R4.4" "on Annex 3 too"

monthly 2026-10
answer_is monthly 4 nonconform "a month whose usage sheet (Annex 1) is unsigned is 不符 in item 4"
evidence_has monthly 4 "2026-10 日誌表（附件一）簽章 0/3" "with the count of sign-offs"
out_lacks "內部稽核紀錄表（附件二）簽章" "the Annex 2 being drafted does not count against itself"
yearly 2026
evidence_has supervision 4 "2026-10 日誌表（附件一）簽章 0/3" "Annex 3 names the unsigned sheet of that month"
evidence_has supervision 4 "2026-10 內部稽核紀錄表（附件二）簽章 0/4" "and the unsigned Annex 2 of an ended month"

# --- Annex 2 and Annex 3 agree on every shared question over the same records ---
# For every database above, a question not conforming in one of its months is 否 for its year.
for db in cert deadline destroy unregistered unreviewed; do
  use_store "$db"
  for now in 2026-11-29T10:00:00+08:00 2026-12-05T10:00:00+08:00; do
    [ "$db" = deadline ] || [ "$now" = 2026-11-29T10:00:00+08:00 ] || continue
    [ "$db" != deadline ] || [ "$now" = 2026-12-05T10:00:00+08:00 ] || continue
    IMCOMPLY_NOW=$now run audit supervision --year 2026 --format json
    cp "$OUT" "$WORK/year.json"
    for m in 03 04 05 06 07 08 09 10 11 12; do
      IMCOMPLY_NOW=$now run audit monthly --month 2026-$m --format json
      [ "$RC" -le 1 ] || continue
      disagree=$(python3 - "$OUT" "$WORK/year.json" <<'EOF'
import json, sys
month, year = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
yes = {i["item"]: i["yes"] for i in year["items"]}
print(" ".join(str(i["item"]) for i in month["items"] if i["proposed"] == "nonconform" and yes[i["item"]]))
EOF
)
      same "$disagree" "" "$db: a question 不符 in 2026-$m is 否 for 2026 as well"
    done
  done
done

finish
