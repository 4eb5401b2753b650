#!/usr/bin/env bash
# The README's examples run as written (issue 13 item 5): its ```sh blocks, in order, in one shell,
# by the OS user chen (the first administrator they create), from a directory holding the
# repository's examples/, on a fresh database, with the clock fixed. A command that exits 2 or
# more fails the test; one that exits 1 (something needs a person) must say "exit 1" in its
# comment. A ```sh block right after the line <!-- not run by tests/cli/test_readme.sh… --> is
# shown, not run (the set-up that builds); other fences (```text, ```) never run.
source "$(dirname "$0")/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
  echo "readme: SKIPPED (needs root, useradd and setpriv to run the examples as the OS user chen)"
  finish
  exit
fi

# The OS user chen of the README; made for this run when the machine has none.
made_chen=
if ! id chen >/dev/null 2>&1; then
  useradd -M -N -s /usr/sbin/nologin chen && made_chen=1
fi
cleanup() {
  [ -n "$made_chen" ] && userdel chen 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The shell blocks, with the line each came from.
awk '
  /^```sh$/ { if (last !~ /^<!-- not run by tests\/cli\/test_readme\.sh/) on = 1; next }
  /^```/ { on = 0; next }
  on { print }
  NF { last = $0 }' "$SOURCE/README.md" >"$WORK/blocks.sh"
[ "$(grep -c . "$WORK/blocks.sh")" -gt 40 ] && ok || fail "the README's shell blocks are found"
if grep -q '^\./run' "$WORK/blocks.sh"; then fail "the set-up block (it builds) is not run"; else ok; fi

{
  cat <<'HEAD'
set -o pipefail
failures=0
trap 'rc=$?; line=$(sed -n "${LINENO}p" "$0")
  if [ "$rc" -gt 1 ] || ! grep -q "exit 1" <<<"$line"; then
    echo "README: exit $rc from: $line" >&2; failures=$((failures + 1))
  fi' ERR
HEAD
  cat "$WORK/blocks.sh"
  echo 'exit "$failures"'
} >"$WORK/readme.sh"
# The header above is 6 lines; README line numbers are not needed: the failing line is printed.

home=$WORK/home
mkdir -p "$home/examples"
cp "$SOURCE"/examples/*.csv "$home/examples/"
chmod 0711 "$WORK"
chmod 0644 "$WORK/readme.sh"
chown -R chen "$home"
(cd "$home" && setpriv --reuid chen --regid "$(id -g chen)" --init-groups -- \
  env -i PATH="$BIN:/usr/local/bin:/usr/bin:/bin" HOME="$home" USER=chen LC_ALL=C.UTF-8 \
  IMCOMPLY_NOW=2026-11-29T10:00:00+08:00 bash "$WORK/readme.sh") >"$OUT" 2>"$ERR"
RC=$?
expect 0 "every README example runs as written"
if grep -q '^README: exit' "$ERR"; then fail "README commands failed: $(grep '^README: exit' "$ERR" | head -5)"; else ok; fi

# What the examples left behind is what the README says they do.
export IMCOMPLY_DB=$home/imcomply/changhua.db
run acct list --format csv
for who in chen wang lin hsu kao; do out_has "$who," "the README puts $who on the roster"; done
run acct show hsu
out_has "terminated" "hsu's transfer ends in a termination"
run qlog list --month 2026-11 --format csv
out_has "彰員戶115字第1101號" "the session opened in the README is in the log"
out_has "彰員戶115字第1024號" "the shipped usage CSV was imported"
run audit verify --anchor "$(tail -1 "$home/seal.txt")"
expect 0 "the anchor the README keeps verifies"
[ -s "$home/sheet.html" ] && [ -s "$home/annex2-2026-11.html" ] && ok || fail "the forms were written"
[ -s "$home/imcomply/changhua-2026-11-29.db" ] && ok || fail "the backup was written"
run purge history --format csv
out_has "碎紙機銷毀" "purge confirm recorded the paper destruction"
finish
