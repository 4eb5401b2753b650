#!/usr/bin/env bash
# The official forms as HTML open in a browser and print to PDF on A4 (Annexes 1, 2, 3).
source "$(dirname "$0")/lib.sh"
SRC=${IMCOMPLY_SOURCE:-$(dirname "$0")/../..}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed (./run test installs it)" >&2
  exit 1
fi
office 2026-11-01
"$BIN/qlog" --as wang add --item entry-exit --purpose "辦理歸化國籍案件查核 <b>&</b>" --login "2026-11-03 09:00" --logout "2026-11-03 09:05" >/dev/null

print_pdf() {  # print_pdf HTML PDF
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$WORK/chromium" --print-to-pdf="$2" --no-pdf-header-footer \
    "file://$1" >/dev/null 2>&1
}

for form in "qlog sheet --month 2026-11" "audit monthly --month 2026-11" "audit supervision --year 2026"; do
  name=${form%% *}-$(echo "$form" | awk '{print $2}')
  "$BIN/${form%% *}" ${form#* } --format html >"$WORK/$name.html" 2>/dev/null
  print_pdf "$WORK/$name.html" "$WORK/$name.pdf"
  if head -c 5 "$WORK/$name.pdf" 2>/dev/null | grep -q '%PDF-'; then ok; else fail "$form --format html prints to PDF"; fi
  # A4 is 595 x 842 points.
  if grep -aq 'MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]' "$WORK/$name.pdf"; then ok; else fail "$form prints on A4"; fi
done
grep -q '&lt;b&gt;&amp;&lt;/b&gt;' "$WORK/qlog-sheet.html" && ok || fail "the sheet escapes HTML in a purpose"
finish
