#!/usr/bin/env bash
# The clock (spec §1 "time"): only a test-clock build believes $IMCOMPLY_NOW; a production build
# refuses to run while it is set; purge refuses a clock that was set back behind the journal.
source "$(dirname "$0")/lib.sh"
office

# acct-machine-clock is acct linked with the production clock (tests/CMakeLists.txt).
IMCOMPLY_NOW=2040-01-01T03:00 "$BIN/acct-machine-clock" list >"$OUT" 2>"$ERR"
RC=$?
expect 2 "a production build refuses IMCOMPLY_NOW (usage)"
err_has "IMCOMPLY_NOW is set" "naming the variable"
err_has "-DIMCOMPLY_TEST_CLOCK=ON" "and the option that honours it"
err_one_line "one error line and a hint"
IMCOMPLY_NOW= "$BIN/acct-machine-clock" list >"$OUT" 2>"$ERR"
RC=$?
expect 2 "even set to nothing"
before=$(snapshot)
IMCOMPLY_NOW=2040-01-01T03:00 "$BIN/acct-machine-clock" --as chen add fake --name 假人 >"$OUT" 2>"$ERR"
RC=$?
expect 2 "a write under a fake clock is refused before anything happens"
same "$(snapshot)" "$before" "and writes nothing"
env -u IMCOMPLY_NOW "$BIN/acct-machine-clock" list >"$OUT" 2>"$ERR"
RC=$?
expect 0 "without the variable the production build runs"
out_has "wang" "and reads the roster"
env -u IMCOMPLY_NOW "$BIN/acct-machine-clock" --as chen add ho --name 何美玲 >"$OUT" 2>"$ERR"
RC=$?
expect 0 "and writes"
stamp=$(db_sql "SELECT at FROM journal ORDER BY seq DESC LIMIT 1")
today=$(TZ=Asia/Taipei date +%Y-%m-%d)
same "${stamp%%T*}" "$today" "the production build's journal stamps the machine's clock"

# A clock set back: the journal's newest record is later than "now".
before=$(snapshot)
IMCOMPLY_NOW=2026-11-29T10:00 run purge --as chen
expect 3 "purge refuses a clock behind the journal's newest record"
err_has "set back" "saying the clock was set back"
err_has "$stamp" "naming the newest record's time"
IMCOMPLY_NOW=2026-11-29T10:00 run purge --dry-run
expect 3 "a dry run predicts the same refusal"
same "$(snapshot)" "$before" "nothing was purged or written"

finish
