#!/usr/bin/env bash
# Concurrency: WRITERS processes at once, each doing PER writes of a mix — qlog add for its own
# user, acct changes (people added, roles granted, deputies set and cleared) — while one of them
# also imports a file and another runs the nightly purge with 2021 data due. Every command's exit
# code and what it wrote are recorded; afterwards every acknowledged write is there, nothing was
# "busy" under the default --wait (10 s), `audit verify` exits 0 and integrity_check says ok.
#
# Knobs: IMCOMPLY_STRESS_WRITERS (8), IMCOMPLY_STRESS_WRITES (500 per writer),
#        IMCOMPLY_STRESS_IMPORT_ROWS (1000), IMCOMPLY_STRESS_DUE_ROWS (1500).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
source "$here/stress_lib.sh"
writers=${IMCOMPLY_STRESS_WRITERS:-8}
per=${IMCOMPLY_STRESS_WRITES:-500}
import_rows=${IMCOMPLY_STRESS_IMPORT_ROWS:-1000}
due_rows=${IMCOMPLY_STRESS_DUE_ROWS:-1500}
[ "$writers" -ge 2 ] && [ "$per" -ge 12 ] || { echo "need at least 2 writers of 12 writes" >&2; exit 2; }
started=$SECONDS

# The office, and one querying user per writer, active since 2021-01-04 (so 2021 data can exist).
office 2021-01-04
users=""
for k in $(seq 1 "$writers"); do
  active "w$k" entry-exit,foreigner 2021-01-04
  users="$users${users:+,}w$k"
done

# 2021 data, due for destruction on 2026-11-29 (nothing held): what the concurrent purge removes.
usage_csv "$WORK/due-2021.csv" "舊資料1" "$due_rows" 2021 "$users" entry-exit
"$BIN/qlog" --as chen import "$WORK/due-2021.csv" >/dev/null || { echo "setup: the 2021 import failed" >&2; exit 1; }
# The file imported concurrently: 2026 rows on the foreigner item (the adds use entry-exit).
usage_csv "$WORK/concurrent.csv" "並行匯入2" "$import_rows" 2026 "$users" foreigner
same "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")" "$due_rows" "setup: the 2021 rows are due"

# writer K: PER writes; every line of $WORK/log-K is "KIND|WHAT|EXIT CODE".
writer() {
  local k=$1 n rc what login partner=w$(($1 % writers + 1)) last_person="" deputy_on=0
  local log=$WORK/log-$k
  for n in $(seq 1 "$per"); do
    if [ "$k" -eq 1 ] && [ "$n" -eq 10 ]; then
      "$BIN/qlog" --as chen import "$WORK/concurrent.csv" >"$WORK/import.out" 2>"$WORK/err-$k-$n"
      echo "import|concurrent.csv|$?" >>"$log"
    elif [ "$k" -eq 2 ] && [ "$n" -eq 5 ]; then
      "$BIN/purge" --as chen --batch 100 >"$WORK/purge.out" 2>"$WORK/err-$k-$n"
      echo "purge|run|$?" >>"$log"
    elif [ $((n % 6)) -eq 0 ]; then
      what="p${k}_$n"
      "$BIN/acct" --as chen add "$what" --name "並行人員 $k-$n" --unit "第$k課" >/dev/null 2>"$WORK/err-$k-$n"
      rc=$?
      echo "person|$what|$rc" >>"$log"
      [ $rc -eq 0 ] && last_person=$what
    elif [ $((n % 12)) -eq 3 ] && [ -n "$last_person" ]; then
      "$BIN/acct" --as chen role "$last_person" --grant officer >/dev/null 2>"$WORK/err-$k-$n"
      echo "role|$last_person officer|$?" >>"$log"
    elif [ $((n % 12)) -eq 9 ]; then
      if [ $deputy_on -eq 0 ]; then
        "$BIN/acct" --as chen deputy "w$k" --deputy "$partner" >/dev/null 2>"$WORK/err-$k-$n"
        rc=$? what="w$k $partner"
      else
        "$BIN/acct" --as chen deputy "w$k" --clear >/dev/null 2>"$WORK/err-$k-$n"
        rc=$? what="w$k "
      fi
      echo "deputy|$what|$rc" >>"$log"
      [ $rc -eq 0 ] && deputy_on=$((1 - deputy_on))
    else
      login=$(at_minute 2026-11 "$n")
      what="並行寫入 $k-$n"
      "$BIN/qlog" --as "w$k" add --item entry-exit --purpose "$what" --login "$login" --logout "$login:30" \
        >/dev/null 2>"$WORK/err-$k-$n"
      echo "add|$what|$?" >>"$log"
    fi
  done
}

for k in $(seq 1 "$writers"); do writer "$k" & done
wait
cat "$WORK"/log-* >"$WORK/log"
total=$(wc -l <"$WORK/log")
echo "concurrent: $writers writers × $per writes = $total commands in $((SECONDS - started)) s (setup included)"
same "$total" "$((writers * per))" "every command was run and recorded"

# Exit codes.
busy=$(awk -F'|' '$3 == 5' "$WORK/log" | wc -l)
same "$busy" 0 "no write was busy (exit 5) under the default --wait of 10 s"
crashes=$(awk -F'|' '$3 >= 128' "$WORK/log" | wc -l)
same "$crashes" 0 "no writer crashed"
failed_cmds=$(awk -F'|' '$3 != 0' "$WORK/log")
same "$failed_cmds" "" "every write was acknowledged with exit 0"
if [ -n "$failed_cmds" ]; then
  for f in "$WORK"/err-*; do [ -s "$f" ] && sed "s|^|  ${f##*/}: |" "$f" >&2; done | head -20
fi
reports=0
for f in "$WORK"/err-*; do [ -s "$f" ] && sanitizer_report "$f" && reports=$((reports + 1)); done
same "$reports" 0 "no sanitizer report on any writer's stderr"

# Every acknowledged write is there.
awk -F'|' '$1 == "add" && $3 == 0 {print $2}' "$WORK/log" | sort >"$WORK/acked-adds"
q "SELECT purpose FROM usage_entries WHERE purpose LIKE '並行寫入 %'" | sort >"$WORK/found-adds"
same "$(comm -23 "$WORK/acked-adds" "$WORK/found-adds" | head -5 | tr '\n' ';')" "" "every acknowledged qlog add is in the log"
same "$(uniq -d "$WORK/found-adds" | head -5 | tr '\n' ';')" "" "and each once"
same "$(q "SELECT count(*) FROM usage_entries WHERE purpose LIKE '並行寫入 %' AND login = 'w' || substr(purpose, 6, instr(substr(purpose, 6), '-') - 1) AND recorded_by = login")" \
  "$(wc -l <"$WORK/acked-adds")" "each under its own user, recorded by that user"

awk -F'|' '$1 == "person" && $3 == 0 {print $2}' "$WORK/log" | sort >"$WORK/acked-people"
q "SELECT login FROM users WHERE login LIKE 'p%\\_%' ESCAPE '\\'" | sort >"$WORK/found-people"
same "$(comm -23 "$WORK/acked-people" "$WORK/found-people" | tr '\n' ' ')" "" "every acknowledged acct add is on the roster"
awk -F'|' '$1 == "role" && $3 == 0 {split($2, a, " "); print a[1]}' "$WORK/log" | sort >"$WORK/acked-roles"
q "SELECT login FROM roles WHERE role = 'officer'" | sort >"$WORK/found-roles"
same "$(comm -23 "$WORK/acked-roles" "$WORK/found-roles" | tr '\n' ' ')" "" "every acknowledged role grant holds"
# The deputy of each wK is what the last acknowledged deputy command of writer K set.
want=$(awk -F'|' '$1 == "deputy" && $3 == 0 {split($2, a, " "); last[a[1]] = a[2]} END {for (u in last) print u "=" last[u]}' "$WORK/log" | sort)
have=$(for line in $want; do u=${line%%=*}; echo "$u=$(q "SELECT coalesce(deputy, '') FROM users WHERE login = '$u'")"; done)
same "$have" "$want" "each deputy is as the last acknowledged change left it"

import_rc=$(awk -F'|' '$1 == "import" {print $3}' "$WORK/log")
same "$import_rc" 0 "the concurrent import was acknowledged"
same "$(q "SELECT count(*) FROM usage_entries WHERE purpose LIKE '並行匯入2 row %'")" "$import_rows" "with all its rows"
purge_rc=$(awk -F'|' '$1 == "purge" {print $3}' "$WORK/log")
same "$purge_rc" 0 "the concurrent purge was acknowledged"
same "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")" 0 "and removed all the 2021 data due"
same "$(q "SELECT sum(count) FROM destruction_counts WHERE kind = 'usage_entries'")" "$due_rows" "its destruction record counts each row once"

run audit verify
expect 0 "audit verify passes after the concurrent run"
same "$(integrity)" ok "integrity_check says ok"
finish
