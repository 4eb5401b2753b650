#!/usr/bin/env bash
# The storage seam (issue 12 part 6; docs/storage.md): every statement of SQL lives in lib/store/,
# and the core (lib/*.cpp, lib/*.hpp, include/imcomply/) neither writes SQL nor reaches a backend's
# library. A second store implements lib/store/ alone; this fails the day a rule moves back into
# SQL text in the core.
source "$(dirname "$0")/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
core=("$SOURCE"/lib/*.cpp "$SOURCE"/lib/*.hpp "$SOURCE"/include/imcomply/*.hpp)

# A string literal that opens with a statement's keyword, or names a PRAGMA.
sql=$(grep -nE '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|BEGIN|PRAGMA|VACUUM|REPLACE)[[:space:](]' "${core[@]}" |
  grep -vE '"PRAGMA integrity_check: "' || true)
same "$sql" "" "no SQL text in the core"
backend=$(grep -nE '#include[[:space:]]*[<"](SQLiteCpp/|sqlite3\.h|libpq-fe\.h|postgresql/)' "${core[@]}" || true)
same "$backend" "" "no backend's header in the core"
# And the check sees what it looks for: the storage files do hold SQL.
stored=$(grep -lE '"[[:space:]]*SELECT[[:space:]]' "$SOURCE"/lib/store/*.cpp | wc -l)
[ "$stored" -ge 5 ] && ok || fail "the storage files hold the SQL (found in $stored)"
finish
