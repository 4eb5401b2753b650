#!/usr/bin/env bash
# Check, then act (issue 11): two conflicting commands released at once against a held write
# lock. Each checks its rule alone; the rule must still hold when both ran. The assertions are the
# invariants themselves — one pending duty change, an administrator remains, a review closed
# once, a hold released once, one open session per user — not only that the writes exist.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
source "$here/stress_lib.sh"
office
"$BIN/acct" --as chen role lin --grant admin >/dev/null
q() { sqlite3 "$IMCOMPLY_DB" "$1"; }

# race NAME "CMD1" "CMD2": holds the write lock for 2 s with a third connection, starts both
# commands meanwhile (they wait for it, --wait 20), and leaves their exit codes in $rc1 $rc2.
race() {
  python3 - "$IMCOMPLY_DB" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN IMMEDIATE")
time.sleep(2)
db.execute("COMMIT")
PY
  local holder=$!
  sleep 0.5
  bash -c "$2" >"$WORK/r1.out" 2>"$WORK/r1.err" &
  local one=$!
  bash -c "$3" >"$WORK/r2.out" 2>"$WORK/r2.err" &
  local two=$!
  wait $one; rc1=$?
  wait $two; rc2=$?
  wait $holder
  RC=$((rc1 * 10 + rc2))
  cat "$WORK/r1.err" "$WORK/r2.err" >"$ERR"
}
# one_won NAME: exactly one of the two succeeded, the other was refused as the rule says (3 or 4).
one_won() {
  if { [ "$rc1" -eq 0 ] && { [ "$rc2" -eq 3 ] || [ "$rc2" -eq 4 ]; }; } ||
     { [ "$rc2" -eq 0 ] && { [ "$rc1" -eq 3 ] || [ "$rc1" -eq 4 ]; }; }; then ok; else fail "$1 (exits $rc1 and $rc2)"; fi
}

A="$BIN/acct --wait 20"
race "two duty changes" "$A --as chen change wang --kind transfer --date 2026-11-28" \
  "$A --as chen change wang --kind retirement --date 2026-11-28"
one_won "two duty changes for one person: one is recorded"
same "$(q "SELECT count(*) FROM duty_changes WHERE login = 'wang' AND termination_id IS NULL")" 1 \
  "at most one pending duty change per person"

race "two admins revoke each other" "$A --as chen role lin --revoke admin" "$A --as lin role chen --revoke admin"
one_won "two administrators revoking each other: one wins"
same "$(q "SELECT count(*) FROM roles WHERE role = 'admin'")" 1 "an administrator always remains"

"$BIN/acct" --as chen add ho --name 何美玲 >/dev/null
race "last admin" "$A --as chen role chen --revoke admin" "$A --as chen role chen --revoke admin"
[ "$rc1" -ne 0 ] && [ "$rc2" -ne 0 ] && ok || fail "the last administrator cannot be revoked, raced or not"
same "$(q "SELECT count(*) FROM roles WHERE role = 'admin'")" 1 "still one administrator"

admin=$(q "SELECT login FROM roles WHERE role = 'admin'")
"$BIN/acct" --as "$admin" review start --period 2026H2 >/dev/null
"$BIN/acct" --as "$admin" review decide wang --keep >/dev/null
race "two closes" "$A --as $admin review close" "$A --as $admin review close"
one_won "a review closed twice at once: closed once"
same "$(q "SELECT count(*) FROM journal WHERE action = 'acct.review.close' AND entity = 'reviews'")" 1 \
  "the review's row was closed once"

P="$BIN/purge --wait 20"
"$BIN/purge" --as "$admin" hold add --user wang --reason 訴訟 >/dev/null
hold=$(q "SELECT max(id) FROM holds")
race "two releases" "$P --as $admin hold release $hold" "$P --as $admin hold release $hold"
one_won "a hold released twice at once: released once"
same "$(q "SELECT count(*) FROM journal WHERE action = 'purge.hold' AND entity = 'holds' AND entity_id = '$hold'")" 2 \
  "the hold's journal: added, released, nothing more"

Q="$BIN/qlog --wait 20"
race "two opens" "$Q --as wang open --item entry-exit --purpose 查核一 --at '2026-11-29 09:00'" \
  "$Q --as wang open --item entry-exit --purpose 查核二 --at '2026-11-29 09:00'"
one_won "two sessions opened at once for one user: one is open"
same "$(q "SELECT count(*) FROM usage_entries WHERE login = 'wang' AND logout_at IS NULL")" 1 "one open session per user"

"$BIN/acct" --as "$admin" add kao --name 高志明 >/dev/null
"$BIN/acct" --as "$admin" role kao --grant auditor >/dev/null
race "two draws" "$BIN/audit --wait 20 --as kao plan --year 2027" "$BIN/audit --wait 20 --as kao plan --year 2027"
one_won "the unannounced audits of a year drawn twice at once: drawn once"
same "$(q "SELECT count(*) FROM audit_plans WHERE year = 2027")" 2 "two dates, not four"

run audit verify
expect 0 "the journal verifies after the races"
finish
