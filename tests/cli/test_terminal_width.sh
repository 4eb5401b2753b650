#!/usr/bin/env bash
# Tables fit the terminal (issue 13 item 8): when stdout is a terminal the long text columns are
# cut with … by display width ($COLUMNS, else the terminal's size, else 80), so no line wraps;
# piped or redirected, every cell is printed whole. Real terminals: script(1) gives each run a pty.
source "$(dirname "$0")/lib.sh"
if ! command -v script >/dev/null; then
  echo "terminal width: SKIPPED (needs script(1) from util-linux)"
  finish
  exit
fi
office
long=辦理外籍配偶初設戶籍登記並核對其入出境日期與居留期限之查核作業
for day in 03 04 05; do
  "$BIN/qlog" --as chen add --user wang --item foreigner --purpose "$long" --basis 戶籍法施行細則第13條 \
    --case 彰員戶115字第10${day}號 --login "2026-11-$day 09:00" --logout "2026-11-$day 09:05" >/dev/null ||
    { echo "setup failed" >&2; exit 1; }
done

# widest FILE: the widest line in terminal columns (CJK two each), without the pty's CRs.
widest() { tr -d '\r' <"$1" | wc -L; }
# in_terminal COMMAND…: runs COMMAND on a pty (its size set by stty when STTY_COLS is given).
in_terminal() {
  local command
  printf -v command '%q ' "$@"
  script -qc "${STTY_COLS:+stty cols $STTY_COLS; }$command" /dev/null </dev/null >"$OUT" 2>"$ERR"
  RC=$?
}

run qlog list --month 2026-11
expect 0 "qlog list, piped"
out_has "$long" "piped: the purpose is printed whole"
out_lacks "…" "piped: nothing is cut"
natural=$(widest "$OUT")
[ "$natural" -gt 120 ] && ok || fail "the table is wider than a terminal when printed whole ($natural columns)"

COLUMNS=130 in_terminal "$BIN/qlog" list --month 2026-11
expect 0 "qlog list in a terminal"
[ "$(widest "$OUT")" -le 130 ] && ok || fail "COLUMNS=130: lines fit ($(widest "$OUT") columns)"
out_has "…" "COLUMNS=130: the long purpose is cut with …"
out_lacks "$long" "COLUMNS=130: the purpose is not printed whole"
out_has "辦理外籍配偶" "COLUMNS=130: the purpose begins as it should"
out_has "2026-11-03" "COLUMNS=130: the times stay whole"
out_has "wang" "COLUMNS=130: the short columns stay whole"
# the columns still line up: the rule under the heading is as wide as every row
rule=$(tr -d '\r' <"$OUT" | grep -m1 -E '^-+( +-+)+$' | wc -L)
row=$(tr -d '\r' <"$OUT" | sed -n 3p | wc -L)
[ "$row" -le "$rule" ] && ok || fail "cut rows stay within the heading's rule ($row > $rule)"

STTY_COLS=120 in_terminal env -u COLUMNS "$BIN/qlog" list --month 2026-11
[ "$(widest "$OUT")" -le 120 ] && ok || fail "a 120-column terminal (TIOCGWINSZ): lines fit ($(widest "$OUT") columns)"
out_has "…" "a 120-column terminal: cut with …"
out_has "2026-11-03T09:00:00+08:00" "times are never cut"

# Narrower than the columns that are never cut (logins, times): the text is cut to its floor,
# and the line stays as short as it can be.
in_terminal env -u COLUMNS "$BIN/qlog" list --month 2026-11
out_has "…" "a terminal of unknown size (80 columns): cut"
[ "$(widest "$OUT")" -lt "$natural" ] && ok || fail "a terminal of unknown size: narrower than the whole table"
out_has "2026-11-03T09:00:00+08:00" "80 columns: times stay whole"

COLUMNS=130 in_terminal "$BIN/qlog" list --month 2026-11 --format csv
out_has "$long" "CSV on a terminal is never cut"
COLUMNS=130 in_terminal "$BIN/qlog" list --month 2026-11 --format json
out_has "$long" "JSON on a terminal is never cut"
COLUMNS=400 in_terminal "$BIN/qlog" list --month 2026-11
out_has "$long" "a terminal wide enough shows the purpose whole"
out_lacks "…" "a terminal wide enough cuts nothing"
finish
