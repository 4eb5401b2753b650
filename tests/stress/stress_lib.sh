# Helpers shared by the stress tests (tests/stress/test_*.sh). Sourced after tests/cli/lib.sh,
# which provides run/expect/same/snapshot/office/finish, $BIN, $WORK and $IMCOMPLY_DB.

# active LOGIN ITEMS DAY: puts LOGIN on the roster and makes its account active since DAY.
active() {
  "$BIN/acct" --as chen add "$1" --name "同仁 $1" >/dev/null &&
    "$BIN/acct" --as chen apply "$1" --items "$2" --date "$3" >/dev/null &&
    "$BIN/acct" --as chen approve "$1" --stage head --date "$3" >/dev/null &&
    "$BIN/acct" --as chen approve "$1" --stage county --date "$3" >/dev/null &&
    "$BIN/acct" --as chen approve "$1" --stage agency --date "$3" --ref "AG-$1" >/dev/null ||
    { echo "setup: cannot make $1 active" >&2; exit 1; }
}

# usage_csv FILE MARK ROWS YEAR USERS ITEM [SLOT [STRIDE]]: a usage-log CSV of ROWS sessions, all
# in YEAR (from January 5 on, so that accounts active since January 4 cover them), spread
# round-robin over the comma-separated USERS, each purpose "MARK row I". Each file gets its own
# slice of time, SLOT × STRIDE sessions in (SLOT: the digits of MARK, STRIDE: ROWS, by default), so
# keys (user, item, login time) never repeat across files of distinct slots.
usage_csv() {
  local file=$1 mark=$2 rows=$3 year=$4 users=$5 item=$6
  local slot=${7:-${mark//[!0-9]/}} stride=${8:-$3}
  awk -v mark="$mark" -v rows="$rows" -v year="$year" -v users="$users" -v item="$item" -v slot="${slot:-0}" -v stride="$stride" '
    BEGIN {
      n = split(users, u, ",")
      print "user,login,logout,item,purpose"
      for (i = 0; i < rows; i++) {
        k = (slot * stride + i) * 2           # even seconds: login; logout one second later
        s = k % 60; m = int(k / 60) % 60; h = int(k / 3600) % 24
        d = 5 + int(k / 86400) % 24; mo = 1 + int(k / (86400 * 24)) % 10
        printf "%s,%d-%02d-%02d %02d:%02d:%02d,%d-%02d-%02d %02d:%02d:%02d,%s,%s row %d\n",
          u[1 + i % n], year, mo, d, h, m, s, year, mo, d, h, m, s + 1, item, mark, i
      }
    }' >"$file"
}

# integrity: PRAGMA integrity_check of the database, as the stock shell sees it ("ok" when whole).
integrity() { sqlite3 "$IMCOMPLY_DB" 'PRAGMA integrity_check' 2>&1 | head -5 | tr '\n' ' ' | sed 's/ $//'; }

# q SQL: one value from the database.
q() { sqlite3 "$IMCOMPLY_DB" "$1"; }

# crashed CODE: an exit code that means the program died of a signal (or a sanitizer abort).
crashed() { [ "$1" -ge 128 ]; }

# sanitizer_report FILE: the stderr of a run shows an AddressSanitizer/UBSan report or a crash.
sanitizer_report() { grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|SUMMARY: (Address|Undefined)|terminate called|Segmentation fault' "$1"; }

# at_minute BASE_DAY N: a login time N*5 minutes after 00:00 of BASE_DAY's month day 1…28 (YYYY-MM).
at_minute() {
  local month=$1 n=$2 m
  m=$((n * 5))
  printf '%s-%02d %02d:%02d' "$month" $((1 + m / 1440 % 28)) $((m % 1440 / 60)) $((m % 60))
}
