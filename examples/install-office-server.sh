#!/usr/bin/env bash
# Installs imcomply on a shared office server the way crontab and locate are installed (spec §6,
# imcomply(7) "SHARED OFFICE SERVER"): a service group owns the database directory, the database
# (0660) and the subject key (0640); staff are not in the group; the programs are setgid to it, so
# staff reach the records only through them, as themselves. Run as root, once:
#
#   examples/install-office-server.sh --bin build-release/bin --office 10008 --office-name 彰化 \
#       --admin chen --admin-name 陳大文 [--admin-os-user chen] [--service-user imcomply-cron] \
#       [--prefix /usr/local] [--group imcomply] [--dir /var/lib/imcomply]
#
# --dir must be the directory the programs were built with (cmake -DIMCOMPLY_SERVICE_DIR=…,
# default /var/lib/imcomply): a setgid program keeps its group only for files inside it.
set -euo pipefail

bin= prefix=/usr/local group=imcomply dir=/var/lib/imcomply service_user=
init=()
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=$2 ;;
    --prefix) prefix=$2 ;;
    --group) group=$2 ;;
    --dir) dir=$2 ;;
    --service-user) service_user=$2 ;;
    --office | --office-name | --admin | --admin-name | --admin-os-user) init+=("$1" "$2") ;;
    *) echo "install-office-server: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ -n "$bin" ] || { echo "install-office-server: --bin DIR is required" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "install-office-server: run it as root" >&2; exit 4; }

getent group "$group" >/dev/null || groupadd --system "$group"

# The directory: the group may read it, nobody but root may add or remove files in it.
install -d -o root -g "$group" -m 0750 "$dir"

# The programs, setgid to the group (2755).
install -d "$prefix/bin"
for program in acct qlog audit purge; do
  install -o root -g "$group" -m 2755 "$bin/$program" "$prefix/bin/$program"
done

# The config: root's, the group's to read.
if [ ! -e "$dir/imcomply.toml" ]; then
  {
    echo "# imcomply on this office server (imcomply(7)). Root's file, the service group's to read."
    if [ -n "$service_user" ]; then
      echo "[access]"
      echo "service_user = \"$service_user\"   # cron runs purge and the checks as this OS user"
    fi
  } >"$dir/imcomply.toml"
fi
chown root:"$group" "$dir/imcomply.toml" && chmod 0640 "$dir/imcomply.toml"

db=$dir/imcomply.db
if [ ! -e "$db" ]; then
  "$prefix/bin/acct" init --db "$db" "${init[@]}"
fi
chown root:"$group" "$db" && chmod 0660 "$db"
# The -wal and -shm are made now, by root, and kept (a setgid run persists them), so that no
# staff member's first run creates them as their own files.
"$prefix/bin/acct" --db "$db" list >/dev/null
for f in "$db-wal" "$db-shm"; do
  [ -e "$f" ] || { echo "install-office-server: $f was not made" >&2; exit 6; }
  chown root:"$group" "$f" && chmod 0660 "$f"
done
# The subject key (64 hex digits), made here because the directory takes no new file later; the
# first `audit import` records its check value.
if [ ! -e "$db.key" ]; then
  (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$db.key" && echo >>"$db.key")
fi
chown root:"$group" "$db.key" && chmod 0640 "$db.key"
echo "installed: $prefix/bin/{acct,qlog,audit,purge} setgid $group; records in $dir"
