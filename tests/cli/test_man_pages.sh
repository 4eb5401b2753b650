#!/usr/bin/env bash
# The man pages document every command (issue 13 item 9): for each program, every subcommand and
# nested subcommand that runs has an entry in COMMANDS, every flag of it is named in that entry,
# and every global option in GLOBAL OPTIONS. The list comes from the programs themselves
# (`PROG __commands`, the CLI11 setup that completion also reads), so a subcommand or flag added
# without its documentation fails here.
source "$(dirname "$0")/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}

# section PAGE NAME: the lines of one .SH section, roff escapes for - and fonts removed.
section() {
  awk -v name="$2" '/^\.SH / { on = ($0 == ".SH " name || $0 == ".SH \"" name "\"") ; next } on' "$1" |
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/—/g'
}
# entries PAGE PATH: the COMMANDS entries (.TP tag and paragraph) whose tag starts with PATH.
entries() {
  section "$1" COMMANDS | awk -v path="$2" '
    /^\.(TP|SS|SH)/ { tagged = 1; show = 0; next }
    tagged { tagged = 0; tag = $0; sub(/^\.B[IR]* /, "", tag); gsub(/"/, "", tag)
             show = (tag == path || index(tag, path " ") == 1) }
    show'
}
# names TEXT FLAG: TEXT names FLAG as a whole word (--kind, not --kind-of).
names() { grep -qE -- "(^|[^-[:alnum:]])$2([^-[:alnum:]]|$)" <<<"$1"; }

for program in acct qlog audit purge county; do
  page="$SOURCE/man/$program.1"
  run "$program" __commands
  expect 0 "$program __commands"
  commands=$(cat "$OUT")
  [ "$(wc -l <<<"$commands")" -gt 1 ] && ok || fail "$program __commands lists its commands"
  globals=$(section "$page" "GLOBAL OPTIONS")
  while IFS= read -r line; do
    path=${line%%$'\t'*} flags=
    [ "$path" != "$line" ] && flags=${line#*$'\t'}
    if [ -z "$path" ]; then
      # The program's own options: the global ones, and those of its run without a subcommand.
      own=$(entries "$page" "$program")
      for flag in $flags; do
        names "$globals"$'\n'"$own" "$flag" && ok || fail "$program.1 documents the option $flag"
      done
      continue
    fi
    text=$(entries "$page" "$path")
    if [ -z "$text" ]; then
      fail "$program.1 has an entry in COMMANDS for \"$program $path\""
      continue
    fi
    ok
    for flag in $flags; do
      names "$text" "$flag" && ok || fail "$program.1 documents $flag of \"$program $path\""
    done
  done <<<"$commands"
  # Also the sections a reader looks for in every page.
  for name in SYNOPSIS DESCRIPTION "GLOBAL OPTIONS" COMMANDS ENVIRONMENT FILES "EXIT STATUS" DIAGNOSTICS EXAMPLES; do
    grep -qxE "\.SH \"?$name\"?" "$page" && ok || fail "$program.1 has a $name section"
  done
done

# The test itself finds what it is for: an undocumented flag and a missing entry are caught.
section "$SOURCE/man/acct.1" COMMANDS | grep -q . && ok || fail "acct.1 has a COMMANDS section to read"
[ -n "$(entries "$SOURCE/man/acct.1" "review start")" ] && ok || fail "a nested subcommand's entry is found"
[ -z "$(entries "$SOURCE/man/acct.1" "review st")" ] && ok || fail "an entry is matched by whole words"
names "$(entries "$SOURCE/man/acct.1" "due")" --within && ok || fail "acct due documents --within"
names "$(entries "$SOURCE/man/acct.1" "due")" --nosuch && fail "a flag not in the entry is reported" || ok

# Facts the pages once got wrong (issue 13).
if grep -qiE "backups? (do|does) not (copy|hold|include) the (subject )?key" "$SOURCE/man/audit.1"; then
  fail "audit.1 no longer says backups never copy the key (acct backup --with-key does)"
else ok; fi
sed 's/\\-/-/g' "$SOURCE/man/audit.1" | grep -qF -- "acct backup --with-key" && ok || fail "audit.1 names acct backup --with-key"
office
"$BIN/qlog" --as wang open --item entry-exit --purpose 查核 --at 2026-11-03T10:00 >/dev/null
run audit report --by weekday --from 2026-11-01 --to 2026-11-30
expect 0 "audit report --by weekday"
shown=$(awk 'NR > 2 { print $1, $2; exit }' "$OUT")
same "$shown" "2 Tue" "weekday keys are printed as \"2 Tue\""
grep -qF ".B \"$shown\"" "$SOURCE/man/audit.1" && ok || fail "audit.1 gives a weekday key as the output shows it ($shown)"
finish
