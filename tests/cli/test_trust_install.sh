#!/usr/bin/env bash
# The shared office server (spec §6): examples/install-office-server.sh installs the programs
# setgid to a service group that owns the database directory; real OS users, not in the group,
# then reach the records only through the programs, as themselves.
source "$(dirname "$0")/lib.sh"
dir=${IMCOMPLY_SERVICE_DIR:?set IMCOMPLY_SERVICE_DIR to the service directory of the build}
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
  echo "install: SKIPPED (needs root, useradd and setpriv to make OS users)"
  finish
  exit
fi
unset IMCOMPLY_DB IMCOMPLY_NOW  # a setgid install believes neither; the records get today's clock
tag=$$
group=imsv$tag staff=imsf$tag
users=(imsa$tag imsw$tag imse$tag)
cleanup() {
  for u in "${users[@]}"; do userdel "$u" 2>/dev/null; done
  groupdel "$group" 2>/dev/null
  groupdel "$staff" 2>/dev/null
  rm -rf "$dir" "$WORK"
}
trap cleanup EXIT
rm -rf "$dir"
groupadd "$staff"
for u in "${users[@]}"; do useradd -M -N -g "$staff" -s /usr/sbin/nologin "$u"; done
chen_os=${users[0]} wang_os=${users[1]} eve_os=${users[2]}
chmod 0711 "$WORK"
mkdir -m 0777 "$WORK/eve"

bash "$IMCOMPLY_SOURCE/examples/install-office-server.sh" --bin "$BIN" --prefix "$WORK" --group "$group" --dir "$dir" \
  --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 --admin-os-user "$chen_os" >"$OUT" 2>"$ERR"
RC=$?
expect 0 "the install script runs"
same "$(stat -c '%a %U %G' "$WORK/bin/qlog")" "2755 root $group" "the programs are setgid to the service group"
same "$(stat -c '%a %G' "$dir/imcomply.db" "$dir/imcomply.db.key" | tr '\n' ' ')" "660 $group 640 $group " \
  "database 0660 and key 0640, the group's"

# as OSUSER COMMAND…: runs a command as that OS user (not in the service group), from their own directory.
as() {
  local user=$1
  shift
  (cd "$WORK/eve" && setpriv --reuid "$user" --regid "$staff" --init-groups -- "$@") >"$OUT" 2>"$ERR"
  RC=$?
}

as "$chen_os" "$WORK/bin/acct" add wang --name 王小明 --os-user "$wang_os"
expect 0 "the administrator works through the installed programs, as themself"
as "$chen_os" "$WORK/bin/acct" apply wang --items entry-exit
for stage in head county agency; do as "$chen_os" "$WORK/bin/acct" approve wang --stage $stage; done
expect 0 "and makes wang's account active"
as "$wang_os" "$WORK/bin/qlog" open --item entry-exit --purpose 戶籍查核
expect 0 "a user logs a session through the setgid program"
# root reads with the stock shell as imcomply(7) says: keeping the -wal and -shm in place.
same "$(sqlite3 -cmd '.filectrl persist_wal 1' "$dir/imcomply.db" "SELECT actor || '/' || os_user FROM journal ORDER BY seq DESC LIMIT 1" | tail -1)" \
  "wang/$wang_os" "recorded as themself"

# A second person reads the group's key: the auditor imports the system log through the program.
as "$chen_os" "$WORK/bin/acct" role wang --grant auditor
{ head -1 "$IMCOMPLY_SOURCE/examples/system-log-2026-11.csv"; grep ',wang,' "$IMCOMPLY_SOURCE/examples/system-log-2026-11.csv"; } >"$WORK/eve/system.csv"
as "$wang_os" "$WORK/bin/audit" import "$WORK/eve/system.csv"
expect 0 "an auditor imports with the service group's 0640 key"
same "$(stat -c '%a %U %G' "$dir/imcomply.db.key")" "640 root $group" "the key stays root's and the group's"

# A file the caller names is opened with the caller's rights: an import cannot quote the key back.
as "$chen_os" "$WORK/bin/qlog" import "$dir/imcomply.db.key"
expect 3 "an administrator cannot import the service group's key file"
key=$(tr -d '\n' <"$dir/imcomply.db.key")
if grep -qF "${key:0:16}" "$ERR"; then fail "the error quotes the key"; else ok; fi
as "$wang_os" "$WORK/bin/audit" import "$dir/imcomply.db"
expect 3 "nor an auditor the database as a system log"

# The files stay out of reach of staff.
rm -f "$WORK/eve/imcomply.toml"
as "$eve_os" sqlite3 "$dir/imcomply.db" "SELECT count(*) FROM users"
[ "$RC" -ne 0 ] && ok || fail "an ordinary user cannot open the database with sqlite3"
as "$eve_os" cat "$dir/imcomply.db.key"
[ "$RC" -ne 0 ] && ok || fail "nor read the subject key"
as "$eve_os" cat "$dir/imcomply.db-wal"
[ "$RC" -ne 0 ] && ok || fail "nor the WAL"
same "$(stat -c '%U %G' "$dir/imcomply.db-wal" "$dir/imcomply.db-shm" | tr '\n' ' ')" "root $group root $group " \
  "the -wal and -shm are still root's after staff runs"
as "$eve_os" "$WORK/bin/acct" list
expect 0 "an unmapped user reads through the program"
out_has "wang" "the office's roster"
as "$eve_os" "$WORK/bin/qlog" open --user wang --item entry-exit --purpose 偽造
expect 4 "but never writes"

# The group's rights cannot be aimed at another file of the group.
cp "$dir/imcomply.db" "$WORK/target.db" && chown root:"$group" "$WORK/target.db" && chmod 0660 "$WORK/target.db"
printf 'db = "%s"\n' "$dir/imcomply.db" >"$WORK/target.toml" && chown root:"$group" "$WORK/target.toml" && chmod 0640 "$WORK/target.toml"
as "$eve_os" "$WORK/bin/acct" --db "$WORK/target.db" list
expect 6 "a --db outside the service directory opens with the caller's own rights: refused"
as "$eve_os" ln -s "$WORK/target.db" "$WORK/eve/link.db"
as "$eve_os" "$WORK/bin/acct" --db "$WORK/eve/link.db" list
expect 6 "so does a symlink to it"
as "$eve_os" env IMCOMPLY_DB="$WORK/target.db" "$WORK/bin/acct" list
expect 0 "\$IMCOMPLY_DB is ignored by the setgid program (secure_getenv)"
out_has "wang" "which reads the installed database"
as "$eve_os" "$WORK/bin/acct" --config "$WORK/target.toml" list
[ "$RC" -eq 3 ] || [ "$RC" -eq 6 ] && ok || fail "a --config outside the directory is read without the group: refused"
printf '[access]\nservice_user = "%s"\n' "$eve_os" >"$WORK/eve/imcomply.toml"
as "$eve_os" "$WORK/bin/purge" --as chen --dry-run
expect 4 "a config in the caller's cwd does not make them the service user"
as "$eve_os" "$WORK/bin/purge" --config "$WORK/eve/imcomply.toml" --db "$dir/imcomply.db" --as chen
[ "$RC" -ne 0 ] && ok || fail "nor does one given with --config: the group is dropped, the database unreachable"
finish
