#!/usr/bin/env bash
# The central schema against the file's (spec §10; lib/schema/postgres/0001_central.sql beside
# lib/schema/0001…0012): a fresh SQLite file from the file's migrations and a fresh database from
# the central one, then, for every table of the file, its view office.<table> with the file's
# columns in the file's order and of the same type class, and its table imcomply.<table> with
# `office` first, the file's NOT NULLs, DEFAULTs, CHECKs, keys and indexes with the office at
# their head, row-level security, an id trigger, and the staff's and the county's privileges.
# One `ok:` or `FAIL:` line per check.
source "$(dirname "$0")/../cli/lib.sh"
SOURCE=${IMCOMPLY_SOURCE:?set IMCOMPLY_SOURCE to the source tree}
SOCKET=${IMCOMPLY_TEST_POSTGRES_SOCKET:?set IMCOMPLY_TEST_POSTGRES_SOCKET to the test cluster socket directory}
db=central_schema

command -v sqlite3 >/dev/null || { echo "FAIL: no sqlite3 on PATH (apt-get install sqlite3)" >&2; exit 1; }

# check NAME WANT HAVE: one line, ok or FAIL with both values.
check() {
  if [ "$2" == "$3" ]; then
    passed=$((passed + 1))
    echo "ok: $1"
  else
    failed=$((failed + 1))
    echo "FAIL: $1" >&2
    echo "  want: $(echo "$2" | tr '\n' ' ')" >&2
    echo "  have: $(echo "$3" | tr '\n' ' ')" >&2
  fi
}
# lite QUERY / pg QUERY: rows of the file / of the database, fields separated by |.
lite() { sqlite3 -batch -noheader -separator '|' "$WORK/office.db" "$1"; }
pg() { PGOPTIONS="-c search_path=pg_catalog" psql -X -q -t -A -F '|' -v ON_ERROR_STOP=1 -h "$SOCKET" -U imcomply -d "$db" -c "$1"; }
# the file's type class as the server's type
server_type() {
  case $1 in
    INTEGER) echo bigint ;;
    TEXT) echo text ;;
    REAL) echo "double precision" ;;
    BLOB) echo bytea ;;
    *) echo "no class for '$1'" ;;
  esac
}

for f in "$SOURCE"/lib/schema/00*.sql; do
  cat "$f"
  echo
done | sqlite3 "$WORK/office.db" || { echo "FAIL: the file's migrations do not apply" >&2; exit 1; }
psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >"$OUT" 2>"$ERR" ||
  { echo "FAIL: cannot create the test database" >&2; cat "$ERR" >&2; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET" -U imcomply -d "$db" --single-transaction \
  -f "$SOURCE/lib/schema/postgres/0001_central.sql" >"$OUT" 2>"$ERR"
RC=$?
check "the central migration applies to an empty database" 0 "$RC"
[ "$RC" -eq 0 ] || { sed 's/^/  /' "$ERR" >&2; finish; exit 1; }

tables=$(lite "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'office' ORDER BY rowid")
count=$(echo "$tables" | wc -l)
check "the file has its tables (30 or more: found $count)" "yes" "$([ "$count" -ge 30 ] && echo yes || echo no)"
check "schema office has one view per table and view of the file, and no other" \
  "$(lite "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")" \
  "$(pg "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'office'::regnamespace ORDER BY c.relname COLLATE \"C\"")"
check "the office tables are the file's tables and the heads, and no other" \
  "$( (echo "$tables"; echo journal_heads; echo meta; echo offices) | LC_ALL=C sort)" \
  "$(pg "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'imcomply'::regnamespace AND c.relkind = 'r' ORDER BY c.relname COLLATE \"C\"")"

# view_columns NAME: the file's columns of table or view NAME as the view must have them; a
# column the file declares no type for (a view's, from a literal) as `name|*`.
view_columns() {
  lite "SELECT name, type FROM pragma_table_info('$1') ORDER BY cid" | while IFS='|' read -r name type; do
    if [ -z "$type" ]; then echo "$name|*"; else echo "$name|$(server_type "$type")"; fi
  done
}
# masked WANT HAVE: HAVE, with the type of each column WANT leaves undeclared shown as * too.
masked() {
  paste -d '|' <(echo "$1") <(echo "$2") | while IFS='|' read -r _ want_type name type; do
    [ "$want_type" == '*' ] && type='*'
    echo "$name|$type"
  done
}
server_view_columns() {
  pg "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
      WHERE a.attrelid = 'office.$1'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
}

for view in office destruction_counts; do
  want=$(view_columns "$view")
  check "office.$view has the file's ${view}'s columns in its order, of the same type classes" \
    "$want" "$(masked "$want" "$(server_view_columns "$view")")"
done

for t in $tables; do
  exists=$(pg "SELECT to_regclass('office.$t') IS NOT NULL AND to_regclass('imcomply.$t') IS NOT NULL")
  check "$t: office.$t and imcomply.$t exist" "t" "$exists"
  [ "$exists" == t ] || continue

  check "$t: office.$t has the file's column names in the file's order" \
    "$(lite "SELECT name FROM pragma_table_info('$t') ORDER BY cid")" \
    "$(pg "SELECT attname FROM pg_attribute WHERE attrelid = 'office.$t'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")"
  check "$t: office.$t's columns have the file's type classes" "$(view_columns "$t")" "$(server_view_columns "$t")"

  # The table: office first, then the file's columns with their NOT NULL and DEFAULT.
  want=$(echo "office|text|t|imcomply.acting_office()"
    lite "SELECT name, type, CASE WHEN \"notnull\" OR pk > 0 THEN 't' ELSE 'f' END, coalesce(dflt_value, '')
          FROM pragma_table_info('$t') ORDER BY cid" | while IFS='|' read -r name type notnull default; do
      echo "$name|$(server_type "$type")|$notnull|$default"
    done)
  have=$(pg "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                    regexp_replace(coalesce(pg_get_expr(d.adbin, d.adrelid), ''), '::(text|bigint)$', '')
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = 'imcomply.$t'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")
  check "$t: imcomply.$t has office first, then the file's columns, NOT NULLs and DEFAULTs" "$want" "$have"

  check "$t: imcomply.$t has the file's number of CHECKs" \
    "$(lite "SELECT sql FROM sqlite_schema WHERE name = '$t'" | grep -oE '\bCHECK *\(' | wc -l)" \
    "$(pg "SELECT count(*) FROM pg_constraint WHERE conrelid = 'imcomply.$t'::regclass AND contype = 'c'")"

  # Keys: the file's primary key and UNIQUEs with the office at their head (os_user: global).
  want=$( (lite "SELECT 'p:office,' || group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)"
    lite "SELECT name FROM pragma_index_list('$t') WHERE origin = 'u'" | while read -r index; do
      cols=$(lite "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info('$index') ORDER BY seqno)")
      if [ "$t:$cols" == os_accounts:os_user ]; then echo "u:$cols"; else echo "u:office,$cols"; fi
    done) | LC_ALL=C sort)
  have=$(pg "SELECT c.contype::text || ':' || string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_constraint c
             CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
             WHERE c.conrelid = 'imcomply.$t'::regclass AND c.contype IN ('p', 'u') GROUP BY c.oid, c.contype" | LC_ALL=C sort)
  check "$t: imcomply.$t has the file's primary key and UNIQUEs, the office at their head" "$want" "$have"

  want=$( (echo "offices(office)->(code)"
    lite "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('$t')" | while IFS='|' read -r table from to; do
      echo "$table(office,$from)->(office,$to)"
    done) | LC_ALL=C sort)
  have=$(pg "SELECT c.confrelid::regclass::text || '(' ||
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) || ')->(' ||
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) || ')'
             FROM pg_constraint c WHERE c.conrelid = 'imcomply.$t'::regclass AND c.contype = 'f'" |
    sed 's/^imcomply\.//' | LC_ALL=C sort)
  check "$t: imcomply.$t has the file's references, within the office" "$want" "$have"

  # The file's own indexes, by name, the office first (an expression as <expr>), partial as it is.
  want=$(lite "SELECT name, partial FROM pragma_index_list('$t') WHERE origin = 'c' ORDER BY name" | while IFS='|' read -r index partial; do
    echo "$index|office,$(lite "SELECT group_concat(coalesce(name, '<expr>'), ',') FROM (SELECT name FROM pragma_index_xinfo('$index') WHERE key ORDER BY seqno)")|$partial"
  done)
  have=$(pg "SELECT i.relname, (SELECT string_agg(CASE WHEN k.attnum = 0 THEN '<expr>' ELSE a.attname END, ',' ORDER BY k.ord)
                                FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                                LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum),
                    CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = 'imcomply.$t'::regclass AND NOT x.indisunique ORDER BY i.relname COLLATE \"C\"")
  check "$t: imcomply.$t has the file's indexes, the office first" "$want" "$have"

  if [ "$t" == os_accounts ]; then want="t|f"; else want="t|t"; fi
  check "$t: imcomply.$t's row-level security is enabled$([ "$t" == os_accounts ] && echo ", not forced (the identity functions read it)" || echo " and forced")" \
    "$want" "$(pg "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'imcomply.$t'::regclass")"
  check "$t: imcomply.$t has the policies for reads, inserts and updates" "t" \
    "$(pg "SELECT count(*) FILTER (WHERE polname IN ('office_reads', 'office_inserts', 'office_updates')) = 3 FROM pg_policy WHERE polrelid = 'imcomply.$t'::regclass")"

  if [ -n "$(lite "SELECT name FROM pragma_table_info('$t') WHERE name = 'id'")" ]; then
    check "$t: imcomply.$t gives its office's next id (trigger next_id)" "t" \
      "$(pg "SELECT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = 'imcomply.$t'::regclass AND tgname = 'next_id' AND tgenabled = 'O')")"
  fi

  case $t in
    journal) staff="SELECT,INSERT" ;;
    roles) staff="SELECT,INSERT,UPDATE,DELETE" ;;
    *) staff="SELECT,INSERT,UPDATE" ;;
  esac
  for relation in imcomply.$t office.$t; do
    privileges() {
      pg "SELECT concat_ws(',', CASE WHEN has_table_privilege('$1', '$relation', 'SELECT') THEN 'SELECT' END,
                                CASE WHEN has_table_privilege('$1', '$relation', 'INSERT') THEN 'INSERT' END,
                                CASE WHEN has_table_privilege('$1', '$relation', 'UPDATE') THEN 'UPDATE' END,
                                CASE WHEN has_table_privilege('$1', '$relation', 'DELETE') THEN 'DELETE' END,
                                CASE WHEN has_table_privilege('$1', '$relation', 'TRUNCATE') THEN 'TRUNCATE' END)"
    }
    check "$t: the staff may $staff on $relation" "$staff" "$(privileges imcomply_staff)"
    check "$t: the county may SELECT on $relation" "SELECT" "$(privileges imcomply_county)"
  done
done

psql -X -q -h "$SOCKET" -U imcomply -d postgres -c "DROP DATABASE $db" >/dev/null
finish
