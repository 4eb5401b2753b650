#!/usr/bin/env bash
# acct end to end: bad input gets one clear line and the right exit code, and changes nothing.
source "$(dirname "$0")/lib.sh"

run acct --db "$WORK/typo.db" list
expect 6 "a missing database is a storage error"
err_has "no database at $WORK/typo.db" "naming the path"
err_has "acct init" "and the command that creates one"
same "$(ls "$WORK" | grep -vx imcomply.toml)" "stderr
stdout" "and no file was created"

office
before=$(snapshot)

# On a file init never touches an existing database; on the central store a new office code is a
# new tenant (tests/store/test_central_programs.sh), and the same one is refused.
if on_file; then
  run acct init --office 1 --office-name x --admin a --admin-name b
  expect 3 "init on an existing database is refused"
else
  run acct init --office 10008 --office-name x --admin a --admin-name b
  expect 3 "init of an office that is a tenant already is refused"
fi
same "$(snapshot)" "$before" "and leaves it untouched"

run acct --as chen apply ghost --items entry-exit
expect 3 "an unknown user is rejected"
err_has "acct: error: unknown user ghost" "with a one-line error"
err_one_line "the error is one line (+ hint)"

run acct --as chen apply lin --items entry-exit --date 2026-02-30
expect 3 "an impossible date is rejected"
err_has "2026-02-30" "quoting the bad date"
err_has "115/11/29" "and naming the accepted forms"
run acct --as chen apply lin --items entry-exit --date 2026-12-01
expect 3 "an application dated in the future is rejected"
run acct --as chen apply lin --items passports
expect 3 "an unknown item is rejected"
run acct --as chen change wang --kind promotion --date 2026-11-20
expect 3 "an unknown kind of duty change is rejected"
run acct --as chen terminate lin --reason request
expect 3 "terminating a person with no account is an impossible transition"
run acct --as chen reinstate wang
expect 3 "reinstating an active account is an impossible transition"
run acct --as chen review close
expect 3 "closing with no review open is refused"
same "$(snapshot)" "$before" "none of the rejected commands wrote anything"

run acct --as wang add kao --name 高志明
expect 4 "a non-admin may not change the roster"
err_has "does not hold the admin role" "the refusal says which role"
run acct add kao --name 高志明
expect 4 "without --as the OS login acts, and it is not on the roster"
run acct --as wang apply ghost --items nothing --date garbage
expect 4 "permission is checked before the input (spec §1 order)"
same "$(snapshot)" "$before" "refusals wrote nothing"

run acct --as chen frobnicate
expect 2 "an unknown subcommand is a usage error"
err_has "acct: error:" "in the one-line form"
run acct --as chen add
expect 2 "a missing argument is a usage error"
run acct --format xml list
expect 2 "an unknown format is a usage error"
run acct --db "$WORK/typo.db" --as chen add
expect 2 "usage wins over storage"
run acct --db "$WORK/typo.db" --as nobody add kao --name x
expect 6 "storage wins over permission"

run acct --as chen review start
expect 0 "a review starts"
run acct --as chen review close
expect 3 "a review with an undecided active account cannot close"
err_has "wang" "the refusal names who is undecided"
run acct --as chen review decide wang --keep --revoke
expect 2 "keep and revoke together is a usage error"

# A locked database: another writer holds the lock; acct waits --wait seconds, then exits 5.
before=$(snapshot)
if on_file; then
  ( printf 'BEGIN IMMEDIATE;\nINSERT INTO events (login, happened, kind, recorded_at, actor, os_user) VALUES (%s);\n' \
      "'wang','x','x','x','x','x'"; sleep 4; echo 'ROLLBACK;' ) | sqlite3 "$IMCOMPLY_DB" &
else  # the office's write lock on the central store, held as a long command would
  psql -X -q -h "$PG_SOCKET" -U imcomply -d "$PG_DATABASE" \
    -c "BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('imcomply office 10008', 0)); SELECT pg_sleep(4); COMMIT;" >/dev/null 2>&1 &
fi
holder=$!
sleep 0.5
start=$(date +%s%N)
run acct --as chen --wait 1 add kao --name 高志明
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect 5 "a locked database is busy (exit 5)"
err_has "locked" "the message says locked"
if [ "$elapsed_ms" -lt 3000 ]; then ok; else fail "exit 5 came within --wait + 1 s (took ${elapsed_ms} ms)"; fi
run acct list
expect 0 "readers are not blocked by a writer (WAL)"
wait "$holder"
same "$(snapshot)" "$before" "the busy command wrote nothing"

if on_file; then
  chmod 644 "$IMCOMPLY_DB"
  run acct list
  expect 6 "a database others can read is refused"
  err_has "chmod 600 $IMCOMPLY_DB" "with the chmod that fixes it"
  chmod 600 "$IMCOMPLY_DB"

  cp "$IMCOMPLY_DB" "$WORK/newer.db"
  sqlite3 "$WORK/newer.db" 'PRAGMA user_version = 99'
  run acct --db "$WORK/newer.db" list
  expect 6 "a schema newer than the program is refused"
  err_has "newer than this program" "and says so"
else
  version=$(db_sql "SELECT version FROM imcomply.meta")
  db_sql "UPDATE imcomply.meta SET version = 99"
  run acct list
  expect 6 "a central schema newer than the program is refused"
  err_has "newer than this program" "and says so"
  db_sql "UPDATE imcomply.meta SET version = $version"
fi

printf 'not a database, just some text that is long enough\n' >"$WORK/notes.db"
chmod 600 "$WORK/notes.db"
run acct --db "$WORK/notes.db" list
expect 6 "a file that is not a database is a storage error"
err_one_line "storage errors are one line"

IMCOMPLY_NOW=yesterday "$BIN/acct" list >"$OUT" 2>"$ERR"
RC=$?
expect 3 "a bad IMCOMPLY_NOW is rejected"
err_has "IMCOMPLY_NOW" "naming the variable"

# A PostgreSQL URI names the central store (tests/store/test_central_programs.sh): one that no
# server answers is a storage error in one line, the password left out, from every command.
for uri in "postgresql://chen:s3cret@/county?host=/nonexistent-socket-dir" "postgres:///county?host=/nonexistent-socket-dir"; do
  run acct --db "$uri" list
  expect 6 "$uri: an unreachable central store is a storage error"
  err_has "cannot connect to" "$uri: the error says the server could not be reached"
  err_one_line "$uri: one line and a hint"
  if grep -q "s3cret" "$ERR"; then fail "$uri: the password is never printed"; else ok; fi
  run acct --db "$uri" init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文
  expect 6 "$uri: init refuses it the same way"
done
finish
