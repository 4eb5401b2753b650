#!/usr/bin/env bash
# county end to end (spec §9, issue 14): office files made by the office programs, collected by
# the county; the witness findings (rollback, rewrite, another office under the same code), files
# that are not an office's, status, Annex 3 from the same evaluators, concurrency.
source "$(dirname "$0")/lib.sh"
unset IMCOMPLY_DB
C=$WORK/county.db
ME=$(id -un)
county() { run county --db "$C" "$@"; }
rows() { sqlite3 "$C" "SELECT count(*) FROM collections"; }

# --- the county's database ---
county init --county 10000 --name 彰化縣政府民政處 --admin clerk --admin-name 林書記 --admin-os-user "$ME"
expect 0 "county init creates the county's database"
same "$(stat -c %a "$C")" 600 "the county's database is mode 0600"
county init --county 10000 --name x --admin clerk --admin-name x
expect 3 "county init on an existing file is refused"
for code in 10008:彰化 10009:員林 10010:鹿港 10011:和美; do
  county office add "${code%%:*}" --name "${code#*:}"
  expect 0 "office ${code%%:*} registered"
done
county office add 10008 --name 彰化
expect 3 "an office registered twice is refused"
county office list --format csv
out_has "10011,和美" "office list shows the offices"

# --- the kinds are told apart (exit 6) ---
IMCOMPLY_DB=$WORK/a.db office   # office 10008, clean: wang active since 2026-11-02
A=$WORK/a.db
run county status --db "$A"
expect 6 "an office's file given to county status is refused"
err_has "is an office's imcomply database, not a county's" "and says what it is"
err_one_line "the refusal is one line and a hint"
run acct --db "$C" list
expect 6 "the county's database given to an office program is refused"
err_has "is a county's imcomply database, not an office's" "and says what it is"
run county status --db "$WORK/missing.db"
expect 6 "a missing county database"
err_has "county init" "the hint names county init"

# --- permission: reading needs no role, collecting needs admin or supervisor ---
run acct --db "$A" --as chen backup "$WORK/a-1.db"
expect 0 "office 10008 backs up"
county --as ghost collect "$WORK/a-1.db"
expect 4 "a login not on the county's roster may not collect"
same "$(rows)" 0 "and nothing was recorded"

# --- a clean office ---
before=$(sha256sum <"$WORK/a-1.db")
county collect "$WORK/a-1.db"
expect 0 "a clean office file is collected"
out_match "a-1\.db +10008 +verified +[0-9]+:[0-9a-f]{64}" "verified, with its journal head"
same "$(sha256sum <"$WORK/a-1.db")" "$before" "the office's file is never changed"
head_a=$(grep -oE '[0-9]+:[0-9a-f]{64}' "$OUT" | head -1)
county collect "$WORK/a-1.db"
expect 0 "the same file twice"
out_has "duplicate" "is reported as collected before"
same "$(rows)" 1 "and adds nothing"

# --- an office with an overdue termination and an unsigned month ---
B=$WORK/b.db
run acct init --db "$B" --office 10009 --office-name 員林 --admin chen --admin-name 陳大文
for step in "add wang --name 王小明" "apply wang --items entry-exit --date 2026-09-01" \
  "approve wang --stage head --date 2026-09-01" "approve wang --stage county --date 2026-09-01" \
  "approve wang --stage agency --date 2026-09-02 --ref AG-2" "change wang --kind transfer --date 2026-11-10" \
  "add lin --name 林美麗" "apply lin --items mainland --date 2026-11-20" "approve lin --stage head --date 2026-11-21"; do
  # shellcheck disable=SC2086
  "$BIN/acct" --db "$B" --as chen $step >/dev/null || { echo "office 10009 setup failed at: $step" >&2; exit 1; }
done
"$BIN/qlog" --db "$B" --as wang add --user wang --item entry-exit --purpose 戶籍查核之個人資料 \
  --login 2026-10-05T09:00 --logout 2026-10-05T09:10 >/dev/null || { echo "qlog add failed" >&2; exit 1; }
run acct --db "$B" --as chen backup "$WORK/b-1.db"
county collect "$WORK/b-1.db"
expect 0 "office 10009's file verifies (its findings are for status)"

# --- an office rolled back to an older backup after its newer head was collected ---
R=$WORK/c.db
run acct init --db "$R" --office 10010 --office-name 鹿港 --admin chen --admin-name 陳大文
run acct --db "$R" --as chen backup "$WORK/c-old.db"
"$BIN/acct" --db "$R" --as chen add wang --name 王小明 >/dev/null
run acct --db "$R" --as chen backup "$WORK/c-new.db"
county collect "$WORK/c-new.db"
expect 0 "office 10010's newer file"
head_new=$(grep -oE '[0-9]+:[0-9a-f]{64}' "$OUT" | head -1)
county collect "$WORK/c-old.db"
expect 1 "the older backup collected after the newer head is a finding"
out_has "witness" "recorded as a witness finding"
head_old=$(grep -oE '[0-9]+:[0-9a-f]{64}' "$OUT" | head -1)
err_has "$head_new" "naming the head collected before"
err_has "$head_old" "and the file's own head"
err_has "no record ${head_new%%:*}" "and why it does not extend it"

# --- an office rewritten: a journal record changed, and a new office under the same code ---
D=$WORK/d.db
run acct init --db "$D" --office 10011 --office-name 和美 --admin chen --admin-name 陳大文
run acct --db "$D" --as chen backup "$WORK/d-1.db"
county collect "$WORK/d-1.db"
expect 0 "office 10011's first file"
head_d=$(grep -oE '[0-9]+:[0-9a-f]{64}' "$OUT" | head -1)
cp "$WORK/d-1.db" "$WORK/d-edited.db"
sqlite3 "$WORK/d-edited.db" "UPDATE journal SET actor = 'mallory' WHERE seq = 1"
county collect "$WORK/d-edited.db"
expect 1 "a file whose journal record was changed"
out_has "unverified" "fails the office's own verify"
err_has "the office's own verify found" "with the reason"
run acct init --db "$WORK/d2.db" --office 10011 --office-name 和美 --admin chen --admin-name 陳大文
run acct --db "$WORK/d2.db" --as chen backup "$WORK/d-other.db"
county collect "$WORK/d-other.db"
expect 1 "a new office database under the same code"
out_has "witness" "is a witness finding: it verifies but does not extend the head"
err_has "$head_d" "naming the head collected before"

# --- files that are not an office's; each is reported and the others still collected ---
printf 'user,login\nwang,2026\n' >"$WORK/foreign.csv"
cp "$WORK/a-1.db" "$WORK/corrupt.db"
dd if=/dev/zero of="$WORK/corrupt.db" bs=1024 seek=1 count=20 conv=notrunc 2>/dev/null
run county init --db "$WORK/other-county.db" --county 20000 --name 南投 --admin x --admin-name x
"$BIN/acct" --db "$A" --as chen add lin2 --name 林 >/dev/null
run acct --db "$A" --as chen backup "$WORK/a-2.db"
county collect "$WORK/foreign.csv" "$WORK/corrupt.db" "$WORK/other-county.db" "$C" "$WORK/a-2.db"
expect 1 "a run with bad files exits 1"
out_match "foreign\.csv .*not-office .*is not an SQLite database" "a foreign file is not an office's"
out_match "corrupt\.db .*(unreadable|unverified)" "a corrupt file is reported"
out_match "other-county\.db .*not-office .*county's imcomply database" "a county file is not an office file"
out_has "this county's own database" "the county's own database is refused"
out_match "a-2\.db +10008 +verified" "and the good file of the same run is collected"
err_has "foreign.csv: not-office" "each bad file is named on stderr"
same "$(sqlite3 "$C" "SELECT outcome FROM collections WHERE file_name = 'foreign.csv'")" not-office "recorded as such"

# --- status ---
county status
expect 1 "status exits 1 when an office needs action"
order=$(awk 'NR > 2 {print $1}' "$OUT" | tr '\n' ' ')
same "$order" "10010 10011 10009 10008 " "most urgent first: untrusted files, then findings, clean last"
county status --format json
expect 1 "status --format json"
python3 - "$OUT" <<'PY' && ok || fail "status json"
import json, sys
doc = json.load(open(sys.argv[1]))
rows = {r["office"]: r for r in doc}
b, a = rows["10009"], rows["10008"]
assert b["overdue_terminations"] == 1, b
assert b["county_waiting"] == 1 and b["county_waiting_since"] == "2026-11-21", b
assert b["month"] == "2026-10" and b["month_signoffs"] == 0, b
assert "Annex 2" in b["findings"] and "overdue termination" in b["findings"], b
assert a["findings"] is None and a["outcome"] == "verified", a
assert "witness" in rows["10010"]["outcome"] and "unverified" in rows["10011"]["outcome"] or "witness" in rows["10011"]["outcome"]
PY
county status --format csv
out_has "office,name,collected_at" "status --format csv has a header of stable keys"
county status --month 2026-13
expect 3 "a bad --month is refused"
printf '[county]\nmax_age_days = 10\n' >"$WORK/county.toml"
IMCOMPLY_NOW=2026-12-20T10:00:00+08:00 run county --db "$C" --config "$WORK/county.toml" status --format csv
out_match "^10008,.*days old \(more than 10\)" "an office whose last file is older than max_age_days is a finding"
printf '[county]\nmax_age = 10\n' >"$WORK/bad.toml"
run county --db "$C" --config "$WORK/bad.toml" status
expect 3 "an unknown county setting is refused"

# --- Annex 3 from the same evaluators as audit supervision ---
county supervision --office 10009 --year 2026 --format json
sup_rc=$RC
cp "$WORK/b-1.db" "$WORK/b-check.db"
run audit --db "$WORK/b-check.db" supervision --year 2026 --format json
audit_yes=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([i["yes"] for i in d["items"]])' "$OUT")
county supervision --office 10009 --year 2026 --format json
same "$RC" "$sup_rc" "county supervision exits the same way twice"
county_yes=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([i["yes"] for i in d["items"]])' "$OUT")
same "$county_yes" "$audit_yes" "county supervision answers as audit supervision does over the same file"
county supervision --office 10008
out_has "應用移民資訊內部稽核辦理情形紀錄表" "Annex 3 in text"
out_match "日誌檢查點：[0-9]+:[0-9a-f]{64}" "with the checkpoint of the file it came from"
out_has "a-2.db" "naming that file"
county supervision --office 10008 --format html
out_has "<html" "Annex 3 in html"
county supervision --office 10010 --year 2019
expect 3 "a year the file holds no answers for is refused"
err_has "holds no answers for 2019" "naming the year"
county supervision --office 99999
expect 3 "an unregistered office"

# --- report ---
county report --by office
expect 0 "report by office"
out_match "^10009 .* 1 " "queries of office 10009"
county report --by month --chart
expect 0 "report by month as a chart"
out_has "2026-10" "the months"

# --- no personal data in the county's database ---
dump=$(sqlite3 "$C" .dump)
case "$dump" in *戶籍查核之個人資料*|*王小明*|*林美麗*) fail "the county's database holds personal data" ;; *) ok ;; esac

# --- two collects of one file at once: one record ---
"$BIN/acct" --db "$B" --as chen add chang --name 張 >/dev/null
run acct --db "$B" --as chen backup "$WORK/b-2.db"
"$BIN/county" --db "$C" collect "$WORK/b-2.db" >"$WORK/one" 2>&1 &
"$BIN/county" --db "$C" collect "$WORK/b-2.db" >"$WORK/two" 2>&1 &
wait
sha=$(sha256sum "$WORK/b-2.db" | cut -d' ' -f1)
same "$(sqlite3 "$C" "SELECT count(*) FROM collections WHERE sha256 = '$sha'")" 1 "two collects at once record the file once"
same "$(cat "$WORK/one" "$WORK/two" | grep -c duplicate)" 1 "the other says it was collected before"
same "$(cat "$WORK/one" "$WORK/two" | grep -cE 'b-2\.db +10009 +verified')" 1 "and one verified it"

# --- a live database: transactions in its -wal that the file alone does not show ---
L=$WORK/live.db
cp "$WORK/a-2.db" "$L"
# A reader holding the database open keeps the office program's write in the -wal (no checkpoint).
python3 - "$L" "$WORK/reading" >/dev/null 2>&1 <<'PY' &
import pathlib, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("BEGIN")
db.execute("SELECT count(*) FROM journal").fetchall()
pathlib.Path(sys.argv[2]).touch()
time.sleep(60)
PY
reader=$!
for _ in $(seq 100); do [ -f "$WORK/reading" ] && break; sleep 0.1; done
"$BIN/acct" --db "$L" --as chen add hsu --name 許 >/dev/null || fail "acct add on the live file"
[ -s "$L-wal" ] && ok || fail "the live file has transactions in its -wal"
before=$(rows)
county collect "$L"
expect 1 "a live database is not collected"
out_match "live\.db +.*not-office" "it is refused"
err_has "has a live -wal beside it" "naming the -wal"
err_has "collect a backup made by \`acct backup\`" "and what to collect instead"
same "$(rows)" "$before" "and nothing is recorded"
kill "$reader" 2>/dev/null; wait "$reader" 2>/dev/null
"$BIN/acct" --db "$L" list >/dev/null  # the last connection checkpoints the -wal into the file
: >"$L-wal"                             # an empty -wal, as a setgid install keeps one, holds nothing
county collect "$L"
expect 0 "the same database, its -wal empty, is collected"
out_match "live\.db +10008 +verified" "and verifies, with the write the -wal held"
cp "$WORK/a-2.db" "$WORK/hot.db"
printf 'not empty' >"$WORK/hot.db-journal"
county collect "$WORK/hot.db"
expect 1 "a file with a hot -journal beside it"
err_has "has a live -journal beside it" "is refused too"

# --- the rules an office is judged by, and the year's unannounced audits (R4.2) ---
E=$WORK/e.db
run acct init --db "$E" --office 10012 --office-name 溪湖 --admin chen --admin-name 陳大文
for step in "acct role chen --grant auditor" "audit conduct --date 2026-03-02 --team chen" \
  "audit conduct --date 2026-09-01 --team chen" "acct backup $WORK/e-1.db"; do
  # shellcheck disable=SC2086
  "$BIN/${step%% *}" --db "$E" --as chen ${step#* } >/dev/null || { echo "office 10012 setup failed at: $step" >&2; exit 1; }
done
C2=$WORK/county2.db
run county init --db "$C2" --county 10000 --name 彰化縣政府民政處 --admin clerk --admin-name 林書記 --admin-os-user "$ME"
run county --db "$C2" office add 10012 --name 溪湖
printf '[office.10012]\nunannounced_audits_per_year = 3\n' >"$WORK/strict.toml"
run county --db "$C2" --config "$WORK/strict.toml" collect "$WORK/e-1.db"
expect 0 "office 10012's file, judged by its [office.10012] rules"
run county --db "$C2" status --format json
expect 0 "while 2026 runs, its audits are no finding"
python3 - "$OUT" <<'PY' && ok || fail "status shows the audits required by the office's own rules"
import json, sys
row = [r for r in json.load(open(sys.argv[1])) if r["office"] == "10012"][0]
assert row["audits"] == "2/3", row
assert "unannounced" not in (row["findings"] or ""), row  # 2026 is not over
PY
run county --db "$C2" supervision --office 10012 --year 2026 --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["items"][5]["yes"] is False else 1)' "$OUT" &&
  ok || fail "Annex 3 item 6 is answered under the office's rules (3 a year): 否"
printf '[county]\nmax_age_days = 60\n' >"$WORK/age.toml"  # the file's age is no finding here
IMCOMPLY_NOW=2027-01-05T09:00:00+08:00 run county --db "$C2" --config "$WORK/age.toml" status
expect 1 "once 2026 is over, too few unannounced audits are a finding"
out_has "2026: 2 of 3 unannounced audits (R4.2)" "naming the year and the counts"
C3=$WORK/county3.db
run county init --db "$C3" --county 10000 --name 彰化縣政府民政處 --admin clerk --admin-name 林書記 --admin-os-user "$ME"
run county --db "$C3" office add 10012 --name 溪湖
run county --db "$C3" collect "$WORK/e-1.db"
IMCOMPLY_NOW=2027-01-05T09:00:00+08:00 run county --db "$C3" --config "$WORK/age.toml" status
expect 0 "judged by the county's [rules] (2 a year) the same file needs no action"
out_lacks "unannounced audits" "judged by the county's [rules] (2 a year) the same file has no audit finding"
printf '[office.10012]\nunannounced_audits_per_year = 1\n' >"$WORK/weak.toml"
run county --db "$C2" --config "$WORK/weak.toml" status
expect 3 "an office's rules weaker than the regulation are refused"
err_has "office.10012.unannounced_audits_per_year = 1 is weaker than the regulation allows" "naming the setting"
err_has "R4.2" "quoting the clause"
printf '[office.10099]\nunannounced_audits_per_year = 3\n' >"$WORK/typo.toml"
run county --db "$C2" --config "$WORK/typo.toml" collect "$WORK/e-1.db"
expect 3 "an [office.CODE] naming an office the county does not supervise"
err_has "[office.10099] names an office the county has not registered" "is refused, naming it"

# --- the county's own journal verifies as a chain ---
same "$(sqlite3 "$C" "SELECT count(*) FROM journal")" "$(sqlite3 "$C" "SELECT max(seq) FROM journal")" "every county change is journaled"

finish
