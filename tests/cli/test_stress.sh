#!/usr/bin/env bash
# Under stress: concurrent writers lose nothing and never see "busy" under the default --wait, and
# an import killed at a random moment leaves the database whole and the file all-or-nothing.
# (The full suite of issue 6 — more writers, 200+ kills, disk full — builds on this.)
source "$(dirname "$0")/lib.sh"
office 2026-11-01
for i in 1 2 3 4 5 6 7; do
  "$BIN/acct" --as chen add "w$i" --name "同仁$i" >/dev/null
  "$BIN/acct" --as chen apply "w$i" --items entry-exit --date 2026-11-01 >/dev/null
  for s in head county agency; do "$BIN/acct" --as chen approve "w$i" --stage $s --date 2026-11-01 >/dev/null; done
done

# Eight writers at once, 40 entries each, every one acknowledged with exit 0.
writers=8 per=40
for w in $(seq 1 $writers); do
  (
    user=w$w
    [ "$w" -eq 8 ] && user=wang
    for n in $(seq 1 $per); do
      "$BIN/qlog" --as "$user" add --item entry-exit --purpose "並行寫入 $w-$n" \
        --login "2026-11-$(printf %02d $((2 + n % 20))) $(printf %02d $((8 + w))):$(printf %02d $n)" \
        --logout "2026-11-$(printf %02d $((2 + n % 20))) $(printf %02d $((8 + w))):$(printf %02d $n):30" >/dev/null 2>>"$WORK/writer-errors"
      echo $? >>"$WORK/codes-$w"
    done
  ) &
done
wait
same "$(cat "$WORK"/codes-* | sort | uniq -c | awk '{print $2 ":" $1}' | tr '\n' ' ')" "0:$((writers * per)) " \
  "every concurrent write was acknowledged (no exit 5 under the default --wait)"
same "$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM usage_entries WHERE purpose LIKE '並行寫入%'")" "$((writers * per))" \
  "every acknowledged write is there"
run audit verify
expect 0 "the journal verifies after concurrent writers"

# An import killed at random moments: the database stays whole and the file goes in all or not at all.
{
  echo "user,login,logout,item,purpose"
  for i in $(seq 0 1499); do
    printf 'wang,2026-11-%02d 07:%02d:%02d,2026-11-%02d 07:%02d:59,entry-exit,批次 %d\n' $((2 + i % 25)) $((i / 60 % 60)) $((i % 60)) $((2 + i % 25)) $((i / 60 % 60)) $i
  done
} >"$WORK/batch.csv"
before=$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM usage_entries")
kills=${IMCOMPLY_STRESS_KILLS:-20}
partial=0 corrupt=0
for k in $(seq 1 "$kills"); do
  "$BIN/qlog" --as chen import "$WORK/batch.csv" >/dev/null 2>&1 &
  victim=$!
  sleep "0.$(printf %03d $((RANDOM % 400)))"
  kill -9 "$victim" 2>/dev/null
  wait "$victim" 2>/dev/null
  [ "$(sqlite3 "$IMCOMPLY_DB" 'PRAGMA integrity_check')" = ok ] || corrupt=$((corrupt + 1))
  now=$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM usage_entries")
  [ "$now" -eq "$before" ] || [ "$now" -eq $((before + 1500)) ] || partial=$((partial + 1))
done
same "$corrupt" 0 "integrity_check passes after each of $kills kills"
same "$partial" 0 "no kill left part of the file imported"
run qlog --as chen import "$WORK/batch.csv"
expect 0 "the import then completes (or finds it done)"
same "$(sqlite3 "$IMCOMPLY_DB" "SELECT count(*) FROM usage_entries")" "$((before + 1500))" "with every row exactly once"
run audit verify
expect 0 "and the journal verifies"
finish
