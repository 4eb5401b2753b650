#!/usr/bin/env bash
# Bash completion (issue 13 item 2): the installed script, sourced in bash, completes subcommands,
# nested ones, flags, the values of enumerated flags and the roster's logins, read from the
# database the command line names; with no database it offers no login and says nothing.
source "$(dirname "$0")/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
export PATH="$BIN:$PATH"
source "$SOURCE/completion/imcomply.bash"

# completes WORD… : COMPREPLY for the command line WORD… with the cursor in the last word.
completes() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _imcomply_complete "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>"$ERR"
  printf '%s\n' "${COMPREPLY[@]}" >"$OUT"
  RC=0
}
# offers TEXT NAME / lacks TEXT NAME: COMPREPLY holds exactly the word TEXT, or does not.
offers() { if grep -qxF -- "$1" "$OUT"; then ok; else fail "$2 (no completion: $1)"; fi; }
lacks() { if grep -qxF -- "$1" "$OUT"; then fail "$2 (completion offered: $1)"; else ok; fi; }
quiet() { if [ -s "$ERR" ]; then fail "$1 (said something on stderr)"; else ok; fi; }

same "$(complete -p acct)" "complete -F _imcomply_complete acct" "the script registers acct"
for program in qlog audit purge; do
  complete -p "$program" >/dev/null 2>&1 && ok || fail "the script registers $program"
done

# With no database at all: commands and flags still complete; no login, and no noise.
export IMCOMPLY_DB="$WORK/missing.db"
completes acct ""
offers init "acct's subcommands"
offers review "a group"
offers handover "every subcommand"
lacks __complete "the hidden entry point is not offered"
completes acct show ""
same "$(cat "$OUT")" "" "no database: no login offered"
quiet "no database: nothing on stderr"
[ ! -e "$IMCOMPLY_DB" ] && ok || fail "completion created no database"

completes acct re
offers reinstate "a prefix: reinstate"
offers review "a prefix: review"
lacks roster "a prefix filters"
completes acct review ""
for sub in start decide status close; do offers "$sub" "acct review's nested subcommand $sub"; done
lacks init "inside review, not acct's own subcommands"
completes purge hold ""
for sub in add release list; do offers "$sub" "purge hold's nested subcommand $sub"; done
completes purge hold add --
offers --user "purge hold add --user"
offers --reason "purge hold add --reason"
offers --db "the global options after a subcommand"
lacks --version "--version only on the program itself"
completes purge --
offers --dry-run "purge's own flags"
offers --batch "purge --batch"
offers --version "the program's --version"

completes acct change wang --
offers --kind "acct change's flags"
offers --date "acct change --date"
completes acct due --
offers --within "acct due --within"
offers --all "acct due --all"

# Enumerated values, from the programs' own setup.
completes acct --format ""
for f in table json csv text html; do offers "$f" "--format $f"; done
completes acct list --lang ""
offers zh-TW "--lang zh-TW"
completes qlog --date-style r
same "$(cat "$OUT")" "roc" "--date-style r → roc"
completes acct change wang --kind ""
for k in reassignment transfer suspension resignation retirement; do offers "$k" "--kind $k"; done
completes acct role wang --grant ""
for r in admin auditor head secretary chief officer; do offers "$r" "--grant $r"; done
completes acct terminate wang --reason d
same "$(cat "$OUT")" "duty-change" "--reason d → duty-change"
completes acct approve wang --stage ""
for s in head county agency; do offers "$s" "--stage $s"; done
completes acct apply wang --items entry-exit,
offers entry-exit,mainland "--items: the next item of a list"
offers entry-exit,foreigner "--items: the next item of a list (foreigner)"
completes qlog open --item f
same "$(cat "$OUT")" "foreigner" "qlog --item f → foreigner"
completes qlog sign --month 2026-11 --role ""
for r in officer secretary director; do offers "$r" "qlog sign --role $r"; done
completes audit sign --role ""
offers auditor "audit sign --role auditor"
offers chief "audit sign --role chief"
completes audit record --result ""
offers conform "--result conform"
offers nonconform "--result nonconform"
completes audit record --item ""
for i in 1 2 3 4; do offers "$i" "audit record --item $i"; done
completes audit report --by ""
for b in user item month hour weekday; do offers "$b" "audit report --by $b"; done
completes audit incident add --kind ""
offers pdpa-breach "incident --kind pdpa-breach"
completes qlog import x.csv --encoding ""
offers big5 "--encoding big5"

# A file name where a file goes.
touch "$WORK/usage-2026-11.csv"
completes qlog import "$WORK/usage"
offers "$WORK/usage-2026-11.csv" "qlog import FILE completes file names"

# Logins from the roster of the database named by $IMCOMPLY_DB, or by --db on the line.
export IMCOMPLY_DB="$WORK/office.db"
office
completes acct show ""
offers chen "a roster login: chen"
offers wang "a roster login: wang"
offers lin "a roster login: lin"
quiet "logins: nothing on stderr"
completes acct show w
same "$(cat "$OUT")" "wang" "acct show w → wang"
completes acct handover wang --to l
same "$(cat "$OUT")" "lin" "acct handover --to: logins"
completes acct handover wang --
offers --from "acct handover: the period's start"
offers --until "acct handover: the period's end"
completes acct handover wang --format ""
offers html "acct handover --format: the printable form"
completes qlog --as ""
offers chen "--as: logins"
completes purge hold add --user ""
offers wang "purge hold add --user: logins"
completes audit conduct --date 2026-11-20 --team chen,
offers chen,wang "--team: a list of logins"
completes acct add ""
lacks wang "acct add takes a new login: none offered"

# --db on the command line wins over $IMCOMPLY_DB.
other="$WORK/other.db"
IMCOMPLY_DB="$other" "$BIN/acct" init --office 10009 --office-name 鹿港 --admin kao --admin-name 高 >/dev/null
completes acct --db "$other" show ""
same "$(cat "$OUT")" "kao" "--db on the command line names the roster"
completes acct show --db="$other" ""
same "$(cat "$OUT")" "kao" "--db=PATH names the roster"
completes acct show --db = "$other" ""
same "$(cat "$OUT")" "kao" "--db=PATH (split at = by bash) names the roster"
completes acct --db "$WORK/nowhere.db" show ""
same "$(cat "$OUT")" "" "a missing --db: no login"
quiet "a missing --db: nothing on stderr"
[ ! -e "$WORK/nowhere.db" ] && ok || fail "completion created no database for --db"

# The hidden entry point itself, as a script would see it.
run acct __complete review s
expect 0 "__complete exits 0"
same "$(cat "$OUT")" "$(printf 'words\nstart\nstatus')" "__complete prints its kind, then the words"
run acct __complete backup ""
same "$(head -1 "$OUT")" "paths" "__complete says a file goes here"
run acct --help
out_lacks "__complete" "--help does not show the hidden entry point"

# Installed by cmake --install.
if [ -f "$BIN/../CMakeCache.txt" ]; then
  cmake --install "$BIN/.." --prefix "$WORK/prefix" >/dev/null 2>&1
  for program in acct qlog audit purge; do
    cmp -s "$WORK/prefix/share/bash-completion/completions/$program" "$SOURCE/completion/imcomply.bash" && ok ||
      fail "cmake --install puts share/bash-completion/completions/$program"
  done
fi
finish
