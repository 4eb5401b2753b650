#!/usr/bin/env bash
# The front door (issue 13 item 1): --version on every program, help that shows the global
# options and the exit codes in every subcommand, and parse errors in our own one-line words.
source "$(dirname "$0")/lib.sh"
for program in acct qlog audit purge; do
  run "$program" --version
  expect 0 "$program --version"
  out_match "^$program \\(imcomply\\) [0-9]+\\.[0-9]+\\.[0-9]+" "$program names itself and its version"
done
run acct add --help
expect 0 "subcommand help"
out_has "--as LOGIN" "shows the global options"
out_has "Exit status: 0 done; 1 needs action" "and the exit codes"

office
words() {  # words NAME EXPECTED PROGRAM ARGS…: a usage error (exit 2) in our own words, one line.
  local name=$1 wanted=$2
  shift 2
  run "$@"
  expect 2 "$name: usage"
  err_has "$wanted" "$name: in our words"
  err_one_line "$name"
  if grep -qE 'required INT|not in range|The following argument|A subcommand is required|Could not convert' "$ERR"; then
    fail "$name: CLI11's own text leaked"
  else ok; fi
}
words "a flag without its value" "error: --within needs a value" acct due --within
words "a number out of range" 'error: --within must be from 0 to 3660, not "99999"' acct due --within 99999
words "not a number" 'error: --wait must be from 0 to 3600, not "abc"' acct --wait abc list
words "a value not among the choices" 'error: --stage must be one of head, county, agency, not "foo"' acct approve wang --stage foo
words "an extra argument" "error: unexpected argument extra" acct list extra
words "an unknown option" "error: unknown option --bogus" acct --bogus list
words "no command" "error: choose a command" acct
finish
