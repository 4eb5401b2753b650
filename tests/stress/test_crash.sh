#!/usr/bin/env bash
# Crashes: SIGKILL at random moments (bash $RANDOM from a fixed seed, so a run repeats) during
# imports of a few thousand rows, purges with rows due, and single writes (qlog add, acct add).
# After each kill: integrity_check ok; no import half done (a file's rows are all there or none,
# and no import row without them); every write acknowledged with exit 0 before is still there; the
# purge's destruction records account for every row it removed. At the end `audit verify` passes.
#
# The kills run in epochs of IMCOMPLY_STRESS_EPOCH_KILLS, each on a fresh copy of the same office
# (an `acct backup` of it), so that the file, and the integrity_check after each kill, stay small;
# each epoch ends by completing the import and the purge it was trying, and with `audit verify`.
#
# Knobs: IMCOMPLY_STRESS_KILLS (200 kills in all: processes that died of the SIGKILL, not counting
#        the ones that finished first), IMCOMPLY_STRESS_SEED (20261129),
#        IMCOMPLY_STRESS_IMPORT_ROWS (2000: rows of an import file; fewer while the programs are
#        too slow for a kill within 150 ms to reach the commit), IMCOMPLY_STRESS_EPOCH_KILLS (50).
# Each kill lands 0–150 ms after the command started; the seed fixes the sequence of commands and
# of kill moments (as fractions of windows that adapt to the build's speed, see below).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
source "$here/stress_lib.sh"
target=${IMCOMPLY_STRESS_KILLS:-200}
seed=${IMCOMPLY_STRESS_SEED:-20261129}
import_rows=${IMCOMPLY_STRESS_IMPORT_ROWS:-2000}
epoch_kills=${IMCOMPLY_STRESS_EPOCH_KILLS:-50}
due_rows=1000
RANDOM=$seed
started=$SECONDS

# A 2021 office (its first journal records are old enough for the purge to cut them): imp is the
# user of the import files, old the user of the 2021 rows due, solo the one of the qlog adds.
export IMCOMPLY_NOW=2021-01-04T09:00:00+08:00
office 2021-01-04
active imp entry-exit 2021-01-04
active old entry-exit 2021-01-04
active solo entry-exit,foreigner 2021-01-04
export IMCOMPLY_NOW=2026-11-29T10:00:00+08:00
"$BIN/acct" --as chen backup "$WORK/template.db" >/dev/null || { echo "setup: backup failed" >&2; exit 1; }
# fresh: the database becomes a copy of the template office.
fresh() {
  rm -f "$IMCOMPLY_DB" "$IMCOMPLY_DB-wal" "$IMCOMPLY_DB-shm"
  cp -p "$WORK/template.db" "$IMCOMPLY_DB"
}

due_total=0 due_files=0
# replenish: a fresh file of 2021 rows, uninterrupted; the purge cycles kill the removal of these
# rows. It is imported now, not as of 2021: verify requires record times to run forward (spec 7),
# so the journal records cut are the 2021 office's own (its set-up above).
replenish() {
  due_files=$((due_files + 1))
  usage_csv "$WORK/due-$due_files.csv" "due$due_files" "$due_rows" 2021 old entry-exit
  "$BIN/qlog" --as chen import "$WORK/due-$due_files.csv" >/dev/null 2>"$WORK/replenish.err" ||
    { fail "replenishing the 2021 data ($(cat "$WORK/replenish.err"))"; return 1; }
  due_total=$((due_total + due_rows))
}

# ms: milliseconds since the epoch.
ms() { echo $(($(date +%s%N) / 1000000)); }
clamp() { local v=$1; [ "$v" -lt "$2" ] && v=$2; [ "$v" -gt "$3" ] && v=$3; echo "$v"; }

# Where each kill lands: at a random moment between 0 ms and a window per kind of command (at
# most 150 ms), which adapts as the run goes: narrower each time the command finished before its
# kill, wider each time the kill got it first. It settles where about two kills in three land before
# the command's end: across its transaction and commit, whatever the build's speed (the sanitizer
# build is several times slower than the debug build).
declare -A window=([import]=150 [purge]=150 [add]=60 [person]=60)
# Imports also adapt their size: when even 150 ms is too short for an import (the sanitizer build)
# the next files get smaller (down to 200 rows), so that kills still land on their commit; when
# imports finish first, the files grow back to IMCOMPLY_STRESS_IMPORT_ROWS.
rows_now=$import_rows
adapt() {  # adapt KIND KILLED
  if [ "$2" -eq 1 ]; then
    if [ "$1" = import ] && [ "${window[import]}" -ge 150 ]; then
      rows_now=$(clamp $((rows_now * 7 / 8)) 200 "$import_rows")
    else
      window[$1]=$(clamp $((window[$1] * 17 / 16 + 1)) 5 150)
    fi
  else
    if [ "$1" = import ] && [ "$rows_now" -lt "$import_rows" ]; then
      rows_now=$(clamp $((rows_now * 9 / 8 + 1)) 200 "$import_rows")
    else
      window[$1]=$(clamp $((window[$1] * 7 / 8)) 5 150)
    fi
  fi
}
# new_import_file: the next file to import, imp<N>x<ROWS>.csv, its rows' purposes "imp<N>x<ROWS> row I".
imp_gen=0 cur_mark="" cur_rows=0 min_rows=$import_rows max_rows=0
new_import_file() {
  imp_gen=$((imp_gen + 1))
  cur_rows=$rows_now
  cur_mark="imp${imp_gen}x$cur_rows"
  usage_csv "$WORK/$cur_mark.csv" "$cur_mark" "$cur_rows" 2026 imp entry-exit "$imp_gen" "$import_rows"
}

kills=0 cycles=0 finished=0 adds=0 people=0 imports=0 purges=0 epochs=0
bad_rc=0 corrupt=0 partial=0 lost=0 unaccounted=0
k_import=0 k_purge=0 k_add=0 k_person=0
max_cycles=$((target * 4))

# epoch KILLS: a fresh office, KILLS kills in it, then the end-of-epoch checks.
epoch() {
  local stop=$((kills + $1)) r kind what login victim delay rc
  local acked_files="''" acked_adds="''" acked_people="''" n_files=0 n_adds=0 n_people=0
  local state in_now halves files_in bad_imports adds_in people_in due_now recorded
  epochs=$((epochs + 1))
  fresh
  due_total=0
  replenish
  new_import_file   # the import file being tried, made anew once one is in

  while [ "$kills" -lt "$stop" ] && [ "$cycles" -lt "$max_cycles" ]; do
    cycles=$((cycles + 1))
    r=$((RANDOM % 100))
    if [ "$r" -lt 30 ]; then
      kind=import
      [ "$rows_now" -eq "$cur_rows" ] || new_import_file  # the one being tried is not in: take one of the new size
      "$BIN/qlog" --as chen import "$WORK/$cur_mark.csv" >"$WORK/cmd.out" 2>"$WORK/cmd.err" &
    elif [ "$r" -lt 55 ]; then
      kind=purge
      [ "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")" -ge 200 ] || replenish
      "$BIN/purge" --as chen --batch 50 >"$WORK/cmd.out" 2>"$WORK/cmd.err" &
    elif [ "$r" -lt 80 ]; then
      kind=add adds=$((adds + 1))
      what="crash-add $adds"
      login=$(at_minute 2026-11 "$adds")
      "$BIN/qlog" --as solo add --item entry-exit --purpose "$what" --login "$login" --logout "$login:30" >"$WORK/cmd.out" 2>"$WORK/cmd.err" &
    else
      kind=person people=$((people + 1))
      what="crashp$people"
      "$BIN/acct" --as chen add "$what" --name "崩潰測試 $people" >"$WORK/cmd.out" 2>"$WORK/cmd.err" &
    fi
    victim=$!
    delay=$((RANDOM % (window[$kind] + 1)))
    sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
    kill -9 "$victim" 2>/dev/null
    wait "$victim" 2>/dev/null
    rc=$?
    adapt $kind $((rc == 137))
    case $rc in
      137)
        kills=$((kills + 1))
        eval "k_$kind=\$((k_$kind + 1))"
        ;;
      0)
        finished=$((finished + 1))
        if sanitizer_report "$WORK/cmd.err"; then
          bad_rc=$((bad_rc + 1))
          echo "crash: cycle $cycles ($kind) exited 0 with a sanitizer report: $(head -3 "$WORK/cmd.err" | tr '\n' ' ')" >&2
        fi
        case $kind in
          import) acked_files="$acked_files,'$cur_mark'" n_files=$((n_files + 1)) ;;
          add) acked_adds="$acked_adds,'$what'" n_adds=$((n_adds + 1)) ;;
          person) acked_people="$acked_people,'$what'" n_people=$((n_people + 1)) ;;
          purge) [ "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'")" -eq 0 ] ||
            fail "an acknowledged purge left rows due (cycle $cycles)" ;;
        esac
        ;;
      *)
        bad_rc=$((bad_rc + 1))
        echo "crash: cycle $cycles ($kind, killed at $delay ms) exited $rc: $(head -2 "$WORK/cmd.err" | tr '\n' ' ')" >&2
        ;;
    esac
    [ "$kind" = purge ] && purges=$((purges + 1))

    # After every kill, in one look at the file: integrity_check; the rows of the file being
    # imported (all or none) and of those imported before (all); an import row only with all its
    # rows; the acknowledged single writes; the rows due and the rows the destruction records count.
    sqlite3 "$IMCOMPLY_DB" >"$WORK/state" 2>&1 <<SQL
PRAGMA integrity_check;
SELECT count(*) FROM usage_entries WHERE purpose LIKE '$cur_mark row %';
SELECT coalesce(group_concat(m || ':' || n, ' '), '') FROM (SELECT substr(purpose, 1, instr(purpose, ' row ') - 1) AS m, count(*) AS n
  FROM usage_entries WHERE purpose LIKE 'imp% row %' GROUP BY m)
  WHERE n <> CAST(substr(m, instr(m, 'x') + 1) AS INTEGER) OR m NOT IN ($acked_files, '$cur_mark');
SELECT count(DISTINCT substr(purpose, 1, instr(purpose, ' row ') - 1)) FROM usage_entries
  WHERE purpose LIKE 'imp% row %' AND substr(purpose, 1, instr(purpose, ' row ') - 1) IN ($acked_files);
SELECT count(*) FROM imports WHERE digest = 'pending' OR encoding = '' OR (file_name LIKE '%/$cur_mark.csv' AND added <> $cur_rows);
SELECT count(*) FROM usage_entries WHERE purpose IN ($acked_adds);
SELECT count(*) FROM users WHERE login IN ($acked_people);
SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29';
SELECT coalesce(sum(count), 0) FROM destruction_counts WHERE kind = 'usage_entries';
SQL
    { read -r state; read -r in_now; read -r halves; read -r files_in; read -r bad_imports; read -r adds_in; read -r people_in
      read -r due_now; read -r recorded; } <"$WORK/state"
    if [ "$state" != ok ]; then
      corrupt=$((corrupt + 1))
      echo "crash: integrity_check after cycle $cycles ($kind, killed at $delay ms): $(head -3 "$WORK/state" | tr '\n' ' ')" >&2
      cp "$IMCOMPLY_DB" "$WORK/corrupt-$cycles.db" 2>/dev/null
      return
    fi
    if [ -n "$halves" ] || { [ "$in_now" -ne 0 ] && [ "$in_now" -ne "$cur_rows" ]; } || [ "$bad_imports" -ne 0 ]; then
      partial=$((partial + 1))
      echo "crash: part of an import after cycle $cycles ($kind, killed at $delay ms): $cur_mark has $in_now rows;" \
        "files with another count: $halves; $bad_imports import rows without all their rows" >&2
    fi
    if [ "$files_in" -ne "$n_files" ] || [ "$adds_in" -ne "$n_adds" ] || [ "$people_in" -ne "$n_people" ]; then
      lost=$((lost + 1))
      echo "crash: acknowledged writes missing after cycle $cycles ($kind, killed at $delay ms):" \
        "files $files_in/$n_files, adds $adds_in/$n_adds, people $people_in/$n_people" >&2
    fi
    if [ $((due_total - due_now)) -ne "$recorded" ]; then
      unaccounted=$((unaccounted + 1))
      echo "crash: after cycle $cycles ($kind, killed at $delay ms) $((due_total - due_now)) rows were purged, $recorded recorded" >&2
      due_total=$((recorded + due_now))  # report each discrepancy once
    fi
    if [ "$kind" = import ] && [ "$in_now" -eq "$cur_rows" ]; then
      imports=$((imports + 1))  # this file is in (acknowledged or not): it must stay; the next cycle takes a new one
      [ "$cur_rows" -lt "$min_rows" ] && min_rows=$cur_rows
      [ "$cur_rows" -gt "$max_rows" ] && max_rows=$cur_rows
      [ "$rc" -eq 0 ] || { acked_files="$acked_files,'$cur_mark'" n_files=$((n_files + 1)); }
      new_import_file
    fi
  done

  # The end of the epoch: the import being tried completes (or finds itself done), a purge
  # completes and accounts for every row, no single write is there twice, and the journal verifies.
  run qlog --as chen import "$WORK/$cur_mark.csv"
  expect 0 "epoch $epochs: the last import completes after the kills"
  same "$(q "SELECT count(*) FROM usage_entries WHERE purpose LIKE '$cur_mark row %'")" "$cur_rows" "epoch $epochs: with every row once"
  run purge --as chen
  expect 0 "epoch $epochs: a purge completes after the kills"
  same "$(q "SELECT count(*) FROM usage_entries WHERE login_at < '2021-11-29'") $(q "SELECT sum(count) FROM destruction_counts WHERE kind = 'usage_entries'")" \
    "0 $due_total" "epoch $epochs: it leaves nothing due, and every purged row is recorded once"
  same "$(q "SELECT count(*) - count(DISTINCT purpose) FROM usage_entries WHERE purpose LIKE 'crash-add %'")" 0 \
    "epoch $epochs: no qlog add is there twice"
  run audit verify
  expect 0 "epoch $epochs: audit verify passes at the end"
  same "$(integrity)" ok "epoch $epochs: integrity_check says ok at the end"
}

while [ "$kills" -lt "$target" ] && [ "$cycles" -lt "$max_cycles" ]; do
  left=$((target - kills))
  epoch $((left < epoch_kills ? left : epoch_kills))
done

counts="import:$k_import purge:$k_purge add:$k_add person:$k_person"
echo "crash: $kills kills ($counts), $finished commands finished before their kill, in $cycles cycles, $epochs epochs and $((SECONDS - started)) s"
echo "crash: windows at the end: import ${window[import]} ms, purge ${window[purge]} ms, qlog add ${window[add]} ms, acct add ${window[person]} ms"
echo "crash: $imports import files went in during the kills ($([ "$imports" -gt 0 ] && echo "$min_rows to $max_rows rows" || echo "files of up to $import_rows rows")), $purges purge runs, $adds qlog adds, $people acct adds"
if [ "$kills" -ge "$target" ]; then ok; else fail "only $kills of $target kills landed in $cycles cycles"; fi
same "$bad_rc" 0 "no command ended other than by exit 0 or the SIGKILL, nor with a sanitizer report"
same "$corrupt" 0 "integrity_check ok after every kill"
same "$partial" 0 "no kill left part of an import in"
same "$lost" 0 "no kill lost an acknowledged write"
same "$unaccounted" 0 "every row a killed purge removed is in its destruction records"
finish
