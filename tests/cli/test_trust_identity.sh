#!/usr/bin/env bash
# Identity (spec §1 "actor", §6): the caller is the real uid's passwd name, mapped to a roster
# login; --as is on-behalf-of, for an administrator, root and the service user only; both names
# are recorded and shown; an unmapped OS user reads but never writes. Real OS users, as root.
source "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
  echo "identity: SKIPPED (needs root, useradd and setpriv to make OS users)"
  finish
  exit
fi

# OS users of this run (names unique to it, removed at exit): three staff and cron, one group.
tag=$$
group=imst$tag
users=(imch$tag imwa$tag imli$tag imev$tag imcr$tag)
cleanup() {
  for u in "${users[@]}"; do userdel "$u" 2>/dev/null; done
  groupdel "$group" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
groupadd "$group"
for u in "${users[@]}"; do useradd -M -N -g "$group" -s /usr/sbin/nologin "$u"; done
chen_os=${users[0]} wang_os=${users[1]} lin_os=${users[2]} eve_os=${users[3]} cron_os=${users[4]}

# One office directory the group shares (0660 files, setgid directory so the -wal/-shm stay the group's).
chmod 0711 "$WORK"
office_dir=$WORK/office
mkdir "$office_dir" && chgrp "$group" "$office_dir" && chmod 2770 "$office_dir"
export IMCOMPLY_DB=$office_dir/office.db
cat >"$office_dir/imcomply.toml" <<TOML
[access]
service_user = "$cron_os"
[data]
file_roots = ["$office_dir/files"]
TOML
chgrp "$group" "$office_dir/imcomply.toml" && chmod 0640 "$office_dir/imcomply.toml"

# as OSUSER PROGRAM ARGS…: runs a built program as that OS user (real uid and gid), from the office directory.
as() {
  local user=$1 program=$2
  shift 2
  (cd "$office_dir" && setpriv --reuid "$user" --regid "$group" --init-groups -- "$BIN/$program" "$@") >"$OUT" 2>"$ERR"
  RC=$?
}

run acct init --office 10008 --office-name 彰化 --admin chen --admin-name 陳大文 --admin-os-user "$chen_os"
expect 0 "init maps the first administrator to an OS user of another name"
chgrp "$group" "$IMCOMPLY_DB" && chmod 0660 "$IMCOMPLY_DB"
run acct --as chen add wang --name 王小明 --os-user "$wang_os"
expect 0 "root adds a user on behalf of the administrator"
run acct --as chen add lin --name 林美麗 --os-user "$lin_os"
run acct --as chen add ho --name 何美玲 --os-user "$wang_os"
expect 3 "one OS user acts as one roster login"
err_has "mapped to wang already" "naming the login it acts as"
run acct init --db "$WORK/other.db" --office 1 --office-name x --admin "a b" --admin-name x
expect 3 "init's login follows the rules of acct add"
"$BIN/acct" --as chen apply wang --items entry-exit --date 2026-11-02 >/dev/null
for stage in head county agency; do "$BIN/acct" --as chen approve wang --stage $stage --date 2026-11-02 >/dev/null; done
"$BIN/acct" --as chen role lin --grant admin >/dev/null
chgrp -R "$group" "$office_dir" && chmod 0660 "$office_dir"/office.db*

# A user cannot act as another.
before=$(snapshot)
as "$wang_os" acct --as chen add mallory --name 壞人
expect 4 "a user may not act --as an administrator"
err_has "wang may not act --as chen" "naming both"
err_one_line "one line"
as "$wang_os" acct add mallory --name 壞人
expect 4 "nor add users as themself"
as "$wang_os" acct --as chen role wang --grant admin
expect 4 "nor grant themself admin through --as"
as "$wang_os" acct --as chen list
expect 4 "--as is refused for a read too"
same "$(snapshot)" "$before" "nothing was written"

# $USER and $LOGNAME are not identity.
(cd "$office_dir" && setpriv --reuid "$eve_os" --regid "$group" --init-groups -- env USER=chen LOGNAME=chen \
  "$BIN/acct" add mallory --name 壞人) >"$OUT" 2>"$ERR"
RC=$?
expect 4 "a forged \$USER does not make anyone the administrator"
err_has "OS user $eve_os is not on this office's roster" "the caller is the real uid's name"

# An unmapped OS user reads but never writes.
as "$eve_os" acct list
expect 0 "an unmapped OS user reads"
out_has "wang" "the roster"
as "$eve_os" qlog open --user wang --item entry-exit --purpose 查詢
expect 4 "but never writes"
err_has "OS user $eve_os is not on this office's roster" "saying so"
same "$(snapshot)" "$before" "still nothing written"

# A user acts as themself; the record names them.
as "$wang_os" qlog open --item entry-exit --purpose 戶籍查核 --at "2026-11-29 09:00"
expect 0 "a user logs their own session, no --as needed"
same "$(sqlite3 "$IMCOMPLY_DB" "SELECT actor || '/' || os_user FROM journal ORDER BY seq DESC LIMIT 1")" "wang/$wang_os" \
  "recorded as wang, by the OS user behind wang"

# Purge destroys what is registered: a user cannot register a colleague's file for destruction.
mkdir -m 1777 "$office_dir/files"
echo 陳的掃描檔 >"$office_dir/files/chen-scan.pdf" && chown "$chen_os" "$office_dir/files/chen-scan.pdf"
echo 王的列印 >"$office_dir/files/wang-print.pdf" && chown "$wang_os" "$office_dir/files/wang-print.pdf"
entry=$(sqlite3 "$IMCOMPLY_DB" "SELECT max(id) FROM usage_entries WHERE login = 'wang'")
before=$(snapshot)
as "$wang_os" qlog data add --entry "$entry" --desc 掃描 --file "$office_dir/files/chen-scan.pdf"
expect 3 "another user's file is refused"
err_has "belongs to another user" "saying whose it is not"
same "$(snapshot)" "$before" "nothing registered"
as "$wang_os" qlog data add --entry "$entry" --desc 列印 --file "$office_dir/files/wang-print.pdf"
expect 0 "one's own file is registered"

# An administrator's on-behalf action is recorded with both names and shown.
as "$chen_os" acct --as lin deputy chen --deputy wang
expect 0 "an administrator acts on behalf of another"
same "$(sqlite3 "$IMCOMPLY_DB" "SELECT DISTINCT actor || '/' || os_user FROM journal WHERE action = 'acct.deputy'")" \
  "lin/$chen_os" "the journal holds the person acted for and the OS user who did it"
run acct show chen
out_match "deputy set.* lin +$chen_os" "acct show shows both"
run acct --format json show chen
out_has "\"os_user\": \"$chen_os\"" "and so does its JSON"

# Separation of duties is judged by the caller: lin approving lin's own account --as chen.
"$BIN/acct" --as chen apply lin --items entry-exit --date 2026-11-03 >/dev/null
as "$lin_os" acct --as chen approve lin --stage head --date 2026-11-03
expect 0 "an administrator may act as another administrator"
run audit monthly --month 2026-11
out_has "lin 自行登錄本人帳號之異動" "yet approving their own account is a finding"

# The service user may act on behalf (cron); without the config it may not.
as "$cron_os" purge --as chen
expect 0 "the configured service user runs purge on behalf of an administrator"
as "$cron_os" purge --config /dev/null --as chen
expect 4 "without [access] service_user it may not"

# Root may act as anyone; root without --as is not on the roster.
run acct add mallory --name 壞人
expect 4 "root without --as is an unmapped OS user: no write"
finish
