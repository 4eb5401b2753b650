#!/usr/bin/env bash
# Golden forms from a real scenario (issue 11 item 6): Annexes 1-3 and the handover list rendered
# by the BUILT programs from the example CSVs at a fixed clock, compared byte for byte with
# tests/golden/cli/. The journal's hashes are salted at random, so each "SEQ:HASH" checkpoint is
# masked before comparing.
# After a deliberate change of a form, regenerate and review the diff:
#   IMCOMPLY_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R golden_forms
source "$(dirname "$0")/lib.sh"
SRC=${IMCOMPLY_SOURCE:-$(dirname "$0")/../..}
GOLDEN=$SRC/tests/golden/cli

office
"$BIN/acct" --as chen add hsu --name 許功蓋 >/dev/null
"$BIN/acct" --as chen add kao --name 高志明 >/dev/null
"$BIN/acct" --as chen role kao --grant auditor >/dev/null
for who in lin hsu chen; do
  "$BIN/acct" --as chen apply $who --items entry-exit,foreigner --date 2026-11-01 >/dev/null
  for s in head county agency; do "$BIN/acct" --as chen approve $who --stage $s --date 2026-11-01 >/dev/null; done
done
"$BIN/qlog" --as chen import "$SRC/examples/usage-utf8-bom.csv" >/dev/null || { echo "usage import failed" >&2; exit 1; }
"$BIN/audit" --as kao import "$SRC/examples/system-log-2026-11.csv" >/dev/null || { echo "system log import failed" >&2; exit 1; }
"$BIN/audit" --as kao record --month 2026-11 --item 1 --result conform --note 三級核准齊全 >/dev/null
"$BIN/audit" --as kao sign --month 2026-11 --role auditor >/dev/null
"$BIN/audit" --as kao conduct --date 2026-11-20 --team kao >/dev/null

# golden NAME PROGRAM ARGS…: the program's stdout, checkpoints masked, against tests/golden/cli/NAME.
golden() {
  local name=$1
  shift
  run "$@"
  [ "$RC" -le 1 ] || { fail "$name: $* exited $RC"; return; }
  sed -E 's/[0-9]+:[0-9a-f]{64}/SEQ:HASH/g' "$OUT" >"$WORK/$name"
  if [ "${IMCOMPLY_UPDATE_GOLDEN:-}" = 1 ]; then
    mkdir -p "$GOLDEN" && cp "$WORK/$name" "$GOLDEN/$name" && echo "wrote $GOLDEN/$name" && ok
  elif [ ! -f "$GOLDEN/$name" ]; then
    fail "$name: no golden file; run with IMCOMPLY_UPDATE_GOLDEN=1 to create it"
  elif cmp -s "$WORK/$name" "$GOLDEN/$name"; then
    ok
  else
    diff -u "$GOLDEN/$name" "$WORK/$name" | head -40 >&2
    fail "$name differs from the golden file (IMCOMPLY_UPDATE_GOLDEN=1 rewrites it; review the diff)"
  fi
}

golden annex1-2026-11.txt qlog sheet --month 2026-11 --format text
golden annex1-2026-11.html qlog sheet --month 2026-11 --format html
golden annex1-2026-11.csv qlog sheet --month 2026-11 --format csv
golden annex2-2026-11.txt audit monthly --month 2026-11 --format text
golden annex2-2026-11.html audit monthly --month 2026-11 --format html
golden annex2-2026-11.json audit monthly --month 2026-11 --format json
golden annex3-2026.txt audit supervision --year 2026 --format text
golden annex3-2026.html audit supervision --year 2026 --format html
golden annex3-2026.json audit supervision --year 2026 --format json

# The handover list of R3.1 (acct handover --format text|html), with data filed and data to destroy.
"$BIN/qlog" --as chen data add --entry 2 --desc 外籍配偶居留資料列印 --destroy-by 2026-11-30 >/dev/null
"$BIN/qlog" --as chen data add --entry 2 --desc 初設戶籍登記附件 --filed 彰員戶115字第1031號 >/dev/null
golden handover-2026-11.txt acct --as chen handover lin --to hsu --from 2026-11-01 --until 2026-11-29 --format text
golden handover-2026-11.html acct --as chen handover lin --to hsu --from 2026-11-01 --until 2026-11-29 --format html

# What the hand-built unit goldens once got wrong: the real hour labels.
run audit monthly --month 2026-11
out_has "09:00" "Annex 2 labels the hours as the program counts them"
out_lacks "09時" "never with an hour label it does not print"

finish
