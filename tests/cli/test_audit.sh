#!/usr/bin/env bash
# audit end to end: the system log, reconciliation, Annexes 2 and 3, unannounced audits,
# incidents, reports, seals and verification.
source "$(dirname "$0")/lib.sh"
SRC=${IMCOMPLY_SOURCE:-$(dirname "$0")/../..}
office
"$BIN/acct" --as chen add hsu --name 許功蓋 >/dev/null
"$BIN/acct" --as chen add kao --name 高志明 >/dev/null
"$BIN/acct" --as chen role kao --grant auditor >/dev/null
for who in lin hsu chen; do
  "$BIN/acct" --as chen apply $who --items entry-exit,foreigner --date 2026-11-01 >/dev/null
  for s in head county agency; do "$BIN/acct" --as chen approve $who --stage $s --date 2026-11-01 >/dev/null; done
done
"$BIN/qlog" --as chen import "$SRC/examples/usage-utf8-bom.csv" >/dev/null || { echo "usage import failed" >&2; exit 1; }

# --- the system log ---
run audit --as chen import "$SRC/examples/system-log-2026-11.csv"
expect 4 "only an auditor imports the system log"
run audit --as kao import "$SRC/examples/system-log-2026-11.csv" --dry-run
expect 0 "a dry run of the system log"
same "$(db_sql 'SELECT count(*) FROM system_queries')" 0 "writes nothing"
run audit --as kao import "$SRC/examples/system-log-2026-11.csv"
expect 0 "the auditor imports the system log"
out_match "^Added: +[1-9]" "and rows are added"
same "$(stat -c %a "$(subject_key)")" 600 "the subject key is made 0600 (beside the database, on a file)"
run audit --as kao import "$SRC/examples/system-log-2026-11-big5.csv"
expect 0 "the same log in Big5"
out_match "^Added: +0" "adds nothing new"
if on_file; then  # the file and its WAL, read as bytes
  sqlite3 "$IMCOMPLY_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  leaked=0
  for subject in $(python3 -c 'import csv,sys; r=csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")); print("\n".join({row["查詢對象"] for row in r}))' "$SRC/examples/system-log-2026-11.csv"); do
    grep -qaF "$subject" "$IMCOMPLY_DB" "$IMCOMPLY_DB-wal" 2>/dev/null && leaked=1
  done
  same "$leaked" 0 "no subject identifier is stored in clear"
fi

run audit reconcile --month 2026-11
expect 1 "reconcile finds a query with no session and a session with no query"
out_has "****" "subjects are shown masked"

# --- Annex 2 ---
run audit monthly --month 2026-11
expect 1 "the monthly draft proposes 不符 where the records show a problem"
out_has "應用移民資訊內部稽核紀錄表" "with the official title"
out_has "帳號申請是否依規定辦理。" "and the official items"
run audit monthly --month 2026-11 --format json
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), d["audit"]["month"])' "$OUT")" \
  "4 2026-11" "the monthly draft as JSON has four items"
run audit monthly --month 2026-11 --format html
out_has "<!DOCTYPE html>" "and as a printable page"
run audit --as wang record --month 2026-11 --item 1 --result conform --note 三級核准齊全
expect 4 "only an auditor records"
run audit --as kao record --month 2026-11 --item 5 --result conform --note x
expect 3 "there are four items"
run audit --as kao record --month 2026-11 --item 1 --result conform --note 三級核准齊全
expect 0 "the auditor records item 1"
run audit --as kao sign --month 2026-11 --role auditor
expect 0 "the auditor signs"
run audit monthly --month 2026-11
out_has "三級核准齊全" "the recorded note is on the form"
out_has "稽核人員：高志明" "and the signature"

# --- unannounced audits (R4.2) and Annex 3 ---
run audit --as kao plan --year 2026 --count 1
expect 3 "fewer than two unannounced audits is refused"
err_has "R4.2" "quoting the clause"
run audit --as kao plan --year 2026 --count 2
expect 0 "two dates are drawn"
same "$(grep -cE '^2026-(11-30|12-[0-9]{2})  星期[一二三四五]' "$OUT")" 2 "working days in what is left of the year"
run audit --as kao plan --year 2026 --count 2
expect 3 "a year is drawn once"
run audit --as wang plan --year 2026 --show
expect 4 "the plan is shown only to auditors"
run audit --as kao conduct --date 2026-11-20 --team kao,chen --note 抽查使用日誌
expect 0 "an unannounced audit is recorded"
run audit supervision --year 2026
expect 1 "Annex 3 answers 否 when fewer than two audits were done"
out_has "本年度不定期稽核 1 次，少於 2 次" "saying why"
run audit supervision --year 2026 --format json
same "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["items"]), d["items"][5]["yes"])' "$OUT")" \
  "6 False" "six answers, the sixth 否"

# --- incidents (R5, R6) ---
run audit --as kao incident add --user wang --kind violation --desc 查詢非公務用途 --action suspend
expect 0 "an incident suspends the account through acct's rules"
run acct show wang
out_match "^Status: +suspended" "wang is suspended"
run audit --as kao incident refer 1 --to ethics --date 2026-11-29 --ref 政風字第1號
expect 0 "referred to the ethics unit"
run audit --as kao incident refer 9 --to ethics --date 2026-11-29
expect 3 "an unknown incident is refused"
run audit incident list
out_has "ethics 2026-11-29 政風字第1號" "the list shows the referral"

# --- reports ---
run audit report --by user --from 2026-11-01 --to 2026-11-30 --chart
expect 0 "a bar chart"
out_has "█" "drawn with blocks"
run audit report --by weekday --format csv
expect 0 "a report as CSV"
same "$(head -1 "$OUT" | tr -d '\r')" "key,label,entries,queries" "with its header"

# --- seals and verification (spec §7) ---
run audit --as wang seal
expect 4 "only an auditor seals"
run audit --as kao seal
expect 0 "the auditor seals"
anchor=$(tail -1 "$OUT")
if [[ $anchor =~ ^[0-9]+:[0-9a-f]{64}$ ]]; then ok; else fail "the last line of seal is SEQ:HASH ($anchor)"; fi
run audit verify --anchor "$anchor"
expect 0 "an untouched database verifies against its anchor"
if on_file; then  # backups and their keys are a file's (the central store's server is backed up by its DBA)
  run acct --as chen backup "$WORK/older.db" --with-key
  expect 0 "a copy from before the next checkpoint, with its subject key"
  out_match "^Key copy: +$WORK/older.db.key" "the backup names the subject key copied beside it"
  same "$(stat -c %a "$WORK/older.db.key")" 600 "the key's copy is 0600"
  cmp -s "$IMCOMPLY_DB.key" "$WORK/older.db.key" && ok || fail "the key's copy has the key's bytes"
  cp "$WORK/older.db" "$WORK/restored.db"
  cp "$WORK/older.db.key" "$WORK/restored.db.key"
  run audit --db "$WORK/restored.db" --as kao import "$SRC/examples/system-log-2026-11-big5.csv"
  expect 0 "a restored copy with its key imports the system log"
  out_match "^Added: +0" "and matches the subjects already there"
  rm "$WORK/restored.db.key"
  run audit --db "$WORK/restored.db" --as kao import "$SRC/examples/system-log-2026-11-big5.csv"
  expect 6 "without the key it refuses rather than hash with a new one"
  err_has "restored.db.key is missing" "naming the missing key"
  touch "$WORK/third.db.key"
  run acct --as chen backup "$WORK/third.db" --with-key
  expect 3 "a backup whose key file exists already is refused"
  [ ! -e "$WORK/third.db" ] && ok || fail "and writes no database either"
fi
run audit --as kao keygen --out "$WORK/audit-key.pem"
expect 0 "keygen"
sed -n 's/^Public key: *//p' "$OUT" >"$WORK/audit-key.pub"  # what the audit team keeps outside the file
same "$(stat -c %a "$WORK/audit-key.pem")" 600 "the private key is 0600"
run audit --as kao keygen
expect 0 "keygen without --out writes ./imcomply-seal-key.pem"
same "$(stat -c %a "$WORK/imcomply-seal-key.pem")" 600 "also 0600"
run audit --as kao keygen
expect 3 "and never overwrites a key"
run audit --as kao seal --key "$WORK/audit-key.pem"
expect 0 "a signed seal"
signed_anchor=$(tail -1 "$OUT")
run audit verify
expect 0 "signed checkpoints verify"
err_has "audit: note: only the file's internal consistency was proved" "and, with nothing from outside, say what was not proved"
same "$(wc -l <"$ERR")" 1 "in one line"
run audit verify --public-key "$WORK/audit-key.pub"
expect 0 "signed by the key the audit team keeps (hex, as keygen printed it)"
same "$(cat "$ERR")" "" "with nothing more to say"
openssl pkey -in "$WORK/audit-key.pem" -pubout -out "$WORK/audit-key-pub.pem" 2>/dev/null
run audit verify --public-key "$WORK/audit-key-pub.pem"
expect 0 "or as a PEM public key"
run audit verify --public-key "$WORK/audit-key.pem"
expect 3 "a private key is not a public key"
err_has "holds no Ed25519 public key" "saying so"
if on_file; then
  run audit --db "$WORK/older.db" verify
  expect 0 "the older copy is intact in itself"
  run audit --db "$WORK/older.db" verify --anchor "$signed_anchor"
  expect 1 "but rolled back past a later anchor it fails"
  run audit --db "$WORK/older.db" verify --public-key "$WORK/audit-key.pub"
  expect 1 "and truncated back past every signed checkpoint it fails against the public key"
  out_has "no checkpoint that still holds is signed by the public key" "naming why"
fi
# A full rewrite, re-sealed with the rewriter's own key: intact in itself, caught by the key kept outside.
new_store rewrite
"$BIN/acct" init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 >/dev/null
"$BIN/acct" --as chen add kao --name 高志明 >/dev/null && "$BIN/acct" --as chen role kao --grant auditor >/dev/null
"$BIN/audit" --as kao keygen --out "$WORK/rewriter.pem" >/dev/null && "$BIN/audit" --as kao seal --key "$WORK/rewriter.pem" >/dev/null
run audit verify
expect 0 "the rewritten file is consistent in itself"
run audit verify --public-key "$WORK/audit-key.pub"
expect 1 "but not signed by the audit team's key"
out_has "which is not a key given with --public-key" "naming the foreign signature"
use_store office

if on_file; then
  # --- tampering as someone with the sqlite3 shell would (issue 12), each on a copy of the intact file ---
  # tampered SQL: $WORK/t.db, a copy of the database with SQL run on it behind imcomply's back.
  tampered() {
    rm -f "$WORK/t.db" "$WORK/t.db-wal" "$WORK/t.db-shm"
    sqlite3 "$IMCOMPLY_DB" ".backup '$WORK/t.db'" && chmod 600 "$WORK/t.db" && sqlite3 "$WORK/t.db" "$1"
  }
  for change in "usage_entries SET login_at = CAST(login_at AS BLOB)" "system_queries SET queried_at = CAST(queried_at AS BLOB)" \
    "users SET login = CAST(login AS BLOB) WHERE login = 'hsu'" "imports SET rows = CAST(rows AS BLOB)"; do
    tampered "UPDATE $change" || fail "the shell refused UPDATE $change"
    run audit --db "$WORK/t.db" verify
    expect 1 "the same bytes stored as another type are caught: UPDATE $change"
    # A row of its own record is named; an imported row by its batch's rows (journal format 3).
    out_match "row [0-9]+ was changed after journal record|rows? [0-9]+( to [0-9]+)? \(journal record [0-9]+, a batch\): a row, a salt or a stored subtree was changed" \
      "naming the row ($change)"
  done
  # The schema is what the migrations made: each change to it is named.
  check_schema() {  # check_schema SQL LINE
    tampered "$1" || fail "the shell refused $1"
    run audit --db "$WORK/t.db" verify
    expect 1 "caught: $1"
    out_has "$2" "with a clear line ($1)"
  }
  check_schema "CREATE TRIGGER drop_own AFTER INSERT ON system_queries BEGIN DELETE FROM system_queries WHERE id = new.id; END" \
    "schema: trigger drop_own on system_queries is not made by the migrations (added outside imcomply)"
  check_schema "CREATE VIEW everyone AS SELECT * FROM users" "schema: view everyone is not made by the migrations"
  check_schema "DROP INDEX usage_entries_by_time" "schema: index usage_entries_by_time is missing (dropped outside imcomply)"
  check_schema "ALTER TABLE holds ADD COLUMN note TEXT" "schema: table holds differs from what the migrations make (column note added)"
  check_schema "ANALYZE" "schema: sqlite_stat1 exists, holding"

  # A usage entry of 2026 deleted, with a journal record in proper format 3 claiming a purge did it.
  tampered "DELETE FROM usage_entries WHERE id = 2" || fail "the shell refused the deletion"
  python3 - "$WORK/t.db" <<'PY'
import hashlib, sqlite3, struct, sys
def enc(values):
    out = b""
    for v in values:
        if v is None: out += b"\x00"
        elif isinstance(v, int): out += b"\x01" + struct.pack(">q", v)
        else: b = v.encode(); out += b"\x03" + struct.pack(">Q", len(b)) + b
    return out
db = sqlite3.connect(sys.argv[1])
seq, prev = db.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
rec = ["imcomply-journal-3", seq + 1, "00" * 16, prev, "2026-11-29T10:00:00+08:00", "chen", "root", "purge",
       "usage_entries", "2", None, "2020-01-01", None, None]
h = hashlib.sha256(enc(rec)).hexdigest()
db.execute("INSERT INTO journal (seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, "
           "format, day) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 3, ?)",
           (seq + 1, rec[4], "chen", "root", "purge", "usage_entries", "2", rec[2], prev, h, rec[11]))
db.commit()
PY
  run audit --db "$WORK/t.db" verify
  expect 1 "a deletion forged as a purge is caught"
  out_has "usage_entries row 2 was deleted by journal record" "naming the row"
  out_has "no destruction record of that purge counts it" "and why"
  out_lacks "journal record $(($(sqlite3 "$WORK/t.db" 'SELECT max(seq) FROM journal'))): changed" "though its record is well formed"
fi

db_sql "UPDATE usage_entries SET purpose = '改過' WHERE id = 1"
run audit verify
expect 1 "a changed row is caught"
out_has "usage_entries" "naming the table"
finish
