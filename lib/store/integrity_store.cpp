#include "store/integrity_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "schema/migrations.hpp"
#include "store/sqlite.hpp"
#include "store/store_impl.hpp"

namespace imcomply::integrity_store {

using sql::Connection;
using sql::Query;

namespace {

bool table_exists(Connection& db, std::string_view name) {
  Query q(db, db.dialect() == sql::Dialect::postgres
                  ? "SELECT 1 FROM information_schema.tables WHERE table_schema = 'office' AND table_name = ?"
                  : "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.step();
}

constexpr const char* checkpoint_query =
    "SELECT c.id, c.seq, c.hash, c.sealed_at, c.sealed_by, c.key_id, c.signature, k.public_key "
    "FROM checkpoints c LEFT JOIN signing_keys k ON k.id = c.key_id ";

StoredCheckpoint read_checkpoint(Query& row) {
  StoredCheckpoint c;
  c.id = row.integer(0);
  c.seq = row.integer(1);
  c.hash = row.text(2);
  c.sealed_at = row.text(3);
  c.sealed_by = row.text(4);
  c.key_id = row.optional_integer(5);
  c.signature = row.optional_text(6);
  c.public_key = row.optional_text(7);
  return c;
}

constexpr const char* chain_query =
    "SELECT seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format, day, leaves, "
    "batch FROM journal ORDER BY seq";

/// The storage class each column of chain_query must hold, as the journal's writer stores it.
bool journal_types_hold(Query& row) {
  const auto is = [&](int i, StorageClass type) { return row.type(i) == type; };
  for (const int i : {0, 11})
    if (!is(i, StorageClass::integer)) return false;
  for (const int i : {1, 2, 3, 4, 5, 6, 8, 9, 10})
    if (!is(i, StorageClass::text)) return false;
  for (const int i : {7, 12})
    if (!is(i, StorageClass::text) && !is(i, StorageClass::null)) return false;
  for (const int i : {13, 14})
    if (!is(i, StorageClass::integer) && !is(i, StorageClass::null)) return false;
  return true;
}

JournalRecord read_record(Query& row) {
  JournalRecord r;
  r.seq = row.integer(0);
  r.at = row.text(1);
  r.actor = row.text(2);
  r.os_user = row.text(3);
  r.action = row.text(4);
  r.entity = row.text(5);
  r.entity_id = row.text(6);
  r.digest = row.optional_text(7);
  r.salt = row.text(8);
  r.prev_hash = row.text(9);
  r.hash = row.text(10);
  r.format = static_cast<int>(row.integer(11));
  r.day = row.optional_text(12);
  r.leaves = row.optional_integer(13);
  r.batch = row.optional_integer(14);
  return r;
}

/// The purged kinds a destructions row counts, one column each.
constexpr std::string_view destruction_columns[] = {"usage_entries", "system_queries", "obtained_data"};

// --- the schema ---

struct SchemaEntry {
  std::string table;
  std::optional<std::string> sql;
};
using SchemaMap = std::map<std::pair<std::string, std::string>, SchemaEntry>;

SchemaMap read_schema(Connection& db) {
  Query q(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema");
  SchemaMap entries;
  while (q.step()) entries[{q.text(0), q.text(1)}] = {q.text(2), q.optional_text(3)};
  return entries;
}

std::vector<std::string> column_names(Connection& db, const std::string& table) {
  Query q(db, "SELECT name FROM pragma_table_xinfo(?) ORDER BY cid");
  q.bind(1, table);
  std::vector<std::string> names;
  while (q.step()) names.push_back(q.text(0));
  return names;
}

/// Names in `a` and not in `b`.
std::vector<std::string> names_minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& name : a)
    if (std::find(b.begin(), b.end(), name) == b.end()) out.push_back(name);
  return out;
}

bool is_stat_table(const std::string& name) { return name.rfind("sqlite_stat", 0) == 0; }

}  // namespace

// --- anchors, checkpoints and signing keys ---

std::optional<Anchor> journal_head(Connection& db) {
  Query q(db, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
  if (!q.step()) return std::nullopt;
  return Anchor{q.integer(0), q.text(1)};
}

std::optional<std::int64_t> signing_key_id(Connection& db, const std::string& public_key_hex) {
  Query q(db, "SELECT id FROM signing_keys WHERE public_key = ?");
  q.bind(1, public_key_hex);
  if (!q.step()) return std::nullopt;
  return q.integer(0);
}

std::int64_t insert_signing_key(Connection& db, const std::string& public_key_hex, const std::string& created_at,
                                const std::string& created_by) {
  Query insert(db, "INSERT INTO signing_keys (public_key, created_at, created_by) VALUES (?, ?, ?)");
  insert.bind(1, public_key_hex).bind(2, created_at).bind(3, created_by).run();
  return db.last_insert_id();
}

std::int64_t insert_checkpoint(Connection& db, const StoredCheckpoint& c) {
  Query insert(db, "INSERT INTO checkpoints (seq, hash, sealed_at, sealed_by, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, c.seq).bind(2, c.hash).bind(3, c.sealed_at).bind(4, c.sealed_by).bind(5, c.key_id).bind(6, c.signature);
  insert.run();
  return db.last_insert_id();
}

std::vector<StoredCheckpoint> checkpoints(Connection& db) {
  Query q(db, std::string(checkpoint_query) + "ORDER BY c.id");
  std::vector<StoredCheckpoint> list;
  while (q.step()) list.push_back(read_checkpoint(q));
  return list;
}

std::optional<StoredCheckpoint> latest_checkpoint(Connection& db) {
  Query q(db, std::string(checkpoint_query) + "ORDER BY c.id DESC LIMIT 1");
  if (!q.step()) return std::nullopt;
  return read_checkpoint(q);
}

// --- the chain ---

ChainCursor::ChainCursor(Connection& db) : q_(db, chain_query) {}

std::optional<StoredRecord> ChainCursor::next() {
  if (!q_.step()) return std::nullopt;
  const bool types_hold = journal_types_hold(q_);
  return StoredRecord{read_record(q_), types_hold};
}

RecordLookup::RecordLookup(Connection& db)
    : hash_(db, "SELECT hash FROM journal WHERE seq = ?"),
      digest_(db, "SELECT salt, digest, format FROM journal WHERE seq = ?") {}

std::optional<std::string> RecordLookup::hash_of(std::int64_t seq) {
  hash_.reset();
  hash_.bind(1, seq);
  if (!hash_.step()) return std::nullopt;
  return hash_.text(0);
}

std::optional<RecordLookup::Digested> RecordLookup::digest_of(std::int64_t seq) {
  digest_.reset();
  digest_.bind(1, seq);
  if (!digest_.step()) return std::nullopt;
  return Digested{digest_.text(0), digest_.text(1), static_cast<int>(digest_.integer(2))};
}

PreviousRowRecord::PreviousRowRecord(Connection& db)
    : q_(db, "SELECT seq, day FROM journal WHERE entity = ? AND entity_id = ? AND seq < ? AND format >= 2 "
             "AND leaves IS NULL AND batch IS NULL ORDER BY seq DESC LIMIT 1") {}

std::optional<PreviousRowRecord::Found> PreviousRowRecord::before(const std::string& entity,
                                                                   const std::string& entity_id, std::int64_t seq) {
  q_.reset();
  q_.bind(1, entity).bind(2, entity_id).bind(3, seq);
  if (!q_.step()) return std::nullopt;
  return Found{q_.integer(0), q_.optional_text(1)};
}

std::int64_t last_cut(Connection& db) {
  if (!table_exists(db, "purge_cuts")) return 0;
  return sql::single_integer(db, "SELECT coalesce(max(seq), 0) FROM purge_cuts");
}

bool cut_at(Connection& db, std::int64_t seq, const std::string& hash) {
  if (!table_exists(db, "purge_cuts")) return false;
  Query q(db, "SELECT 1 FROM purge_cuts WHERE seq = ? AND hash = ?");
  q.bind(1, seq).bind(2, hash);
  return q.step();
}

std::vector<StoredDestruction> destructions(Connection& db) {
  std::vector<StoredDestruction> list;
  Query old(db, "SELECT id, run_id, kind, cutoff, count, journal_hash FROM destruction_records");
  while (old.step())
    list.push_back({"destruction_records", old.integer(0), old.text(1), old.text(3), {{old.text(2), old.integer(4)}},
                    old.text(5)});
  if (!table_exists(db, "destructions")) return list;
  Query q(db, "SELECT id, run_id, cutoff, journal_hash, usage_entries, system_queries, obtained_data FROM destructions");
  while (q.step()) {
    StoredDestruction d{"destructions", q.integer(0), q.text(1), q.text(2), {}, q.text(3)};
    int column = 4;
    for (const auto kind : destruction_columns) d.counts.emplace(std::string(kind), q.integer(column++));
    list.push_back(std::move(d));
  }
  return list;
}

// --- the protected rows ---

std::vector<std::string> protected_tables(Connection& db) {
  // The server's are the views of schema `office` (lib/schema/postgres/), in the order made.
  if (db.dialect() == sql::Dialect::postgres) {
    Query q(db,
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'office' AND c.relkind = 'v' AND c.relname NOT IN ('journal', 'journal_seeds', "
            "'journal_nodes', 'destruction_counts') ORDER BY c.oid");
    std::vector<std::string> tables;
    while (q.step()) tables.push_back(q.text(0));
    return tables;
  }
  Query q(db,
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('journal', 'journal_seeds', "
          "'journal_nodes') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
  std::vector<std::string> tables;
  while (q.step()) tables.push_back(q.text(0));
  return tables;
}

std::vector<std::string> declared_types(Connection& db, const std::string& table) {
  // A server's column types, named as the file declares the same column.
  Query q(db, db.dialect() == sql::Dialect::postgres
                  ? "SELECT CASE data_type WHEN 'bigint' THEN 'INTEGER' WHEN 'integer' THEN 'INTEGER' WHEN 'text' THEN "
                    "'TEXT' WHEN 'double precision' THEN 'REAL' WHEN 'bytea' THEN 'BLOB' ELSE upper(data_type) END "
                    "FROM information_schema.columns WHERE table_schema = 'office' AND table_name = ? "
                    "ORDER BY ordinal_position"
                  : "SELECT type FROM pragma_table_info(?) ORDER BY cid");
  q.bind(1, table);
  std::vector<std::string> types;
  while (q.step()) types.push_back(q.text(0));
  return types;
}

Query scan(Connection& db, const std::string& table) {
  const std::string_view key = row_key(db);
  return Query(db, fmt::format("SELECT {1}, * FROM \"{0}\" ORDER BY {1}", table, key));
}

// --- the file itself ---

std::vector<SchemaDifference> schema_differences(Store& store) { return store.impl().backend->schema_differences(); }

std::vector<std::string> structure_problems(Store& store) { return store.impl().backend->structure_problems(); }

std::vector<SchemaDifference> sqlite_schema_differences(Connection& db) {
  // What the migrations make, applied to an empty database in memory.
  SQLite::Database made(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (const auto step : schema::migrations()) made.exec(std::string(step));
  const auto expected = sql::sqlite_connection(made);
  const SchemaMap want = read_schema(*expected);
  const SchemaMap have = read_schema(db);

  std::vector<SchemaDifference> differences;
  for (const auto& [key, entry] : have) {
    const auto& [type, name] = key;
    SchemaDifference d{SchemaDifference::Kind::added, type, name, entry.table, 0, {}, {}};
    if (is_stat_table(name)) {
      d.kind = SchemaDifference::Kind::statistics;
      d.rows = sql::single_integer(db, fmt::format("SELECT count(*) FROM \"{}\"", name));
    } else if (const auto found = want.find(key); found == want.end()) {
      d.kind = SchemaDifference::Kind::added;
    } else if (found->second.sql != entry.sql || found->second.table != entry.table) {
      d.kind = SchemaDifference::Kind::changed;
      if (type == "table") {
        const auto now = column_names(db, name), made_columns = column_names(*expected, name);
        d.columns_added = names_minus(now, made_columns);
        d.columns_removed = names_minus(made_columns, now);
      }
    } else {
      continue;
    }
    differences.push_back(std::move(d));
  }
  for (const auto& [key, entry] : want)
    if (!have.contains(key))
      differences.push_back({SchemaDifference::Kind::missing, key.first, key.second, entry.table, 0, {}, {}});
  return differences;
}

std::vector<SchemaDifference> server_schema_differences(Connection& db) {
  // What the file's migrations make, in memory: the views must give the same columns in order.
  SQLite::Database made(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (const auto step : schema::migrations()) made.exec(std::string(step));
  const auto expected = sql::sqlite_connection(made);
  std::map<std::string, std::vector<std::string>> want, have;
  {
    Query q(*expected, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (q.step()) want[q.text(0)] = column_names(*expected, q.text(0));
  }
  {
    Query q(db, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'office' "
                "ORDER BY table_name, ordinal_position");
    while (q.step()) have[q.text(0)].push_back(q.text(1));
  }
  std::vector<SchemaDifference> differences;
  for (const auto& [name, columns] : have) {
    const auto found = want.find(name);
    if (found == want.end()) {
      differences.push_back({SchemaDifference::Kind::added, "view", name, name, 0, {}, {}});
    } else if (found->second != columns) {
      differences.push_back({SchemaDifference::Kind::changed, "view", name, name, 0, names_minus(columns, found->second),
                             names_minus(found->second, columns)});
    }
  }
  for (const auto& [name, columns] : want)
    if (!have.contains(name)) differences.push_back({SchemaDifference::Kind::missing, "view", name, name, 0, {}, {}});
  // The rest of the schema as the migrations left it: a trigger, policy, grant or column added to
  // the tables behind the views shows here.
  Query recorded(db, "SELECT catalog FROM imcomply.meta");
  if (recorded.step() && !recorded.is_null(0) && recorded.text(0) != server_catalog_digest(db))
    differences.push_back({SchemaDifference::Kind::changed, "catalog", "imcomply", "imcomply", 0, {}, {}});
  return differences;
}

std::string server_catalog_digest(Connection& db) {
  // Every object of schemas imcomply and office that a change behind the programs' back could
  // touch, one line each, in a fixed order: columns with their types, defaults and NOT NULLs,
  // constraints, indexes, triggers, row-level security and its policies, privileges, functions
  // (their bodies hashed) and views.
  static constexpr const char* description = R"sql(
    WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname IN ('imcomply', 'office')),
    rel AS (SELECT c.* FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns))
    SELECT coalesce(string_agg(line, E'
' ORDER BY line), '') FROM (
      SELECT 'column ' || r.relname || '.' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ' '
             || a.attnotnull || ' ' || coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') AS line
        FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
      UNION ALL SELECT 'relation ' || r.relname || ' ' || r.relkind::text || ' ' || r.relrowsecurity || ' ' || r.relforcerowsecurity
             || ' ' || coalesce(r.relacl::text, '') FROM rel r
      UNION ALL SELECT 'constraint ' || r.relname || ' ' || k.conname || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
        FROM pg_catalog.pg_constraint k JOIN rel r ON r.oid = k.conrelid
      UNION ALL SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i JOIN rel r ON r.oid = i.indrelid
      UNION ALL SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t JOIN rel r ON r.oid = t.tgrelid
        WHERE NOT t.tgisinternal
      UNION ALL SELECT 'policy ' || r.relname || ' ' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive::text || ' '
             || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || ' '
             || coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '') || ' '
             || coalesce((SELECT string_agg(o.rolname, ',' ORDER BY o.rolname) FROM pg_catalog.pg_roles o
                          WHERE o.oid = ANY (p.polroles)), 'public')
        FROM pg_catalog.pg_policy p JOIN rel r ON r.oid = p.polrelid
      UNION ALL SELECT 'function ' || f.oid::regprocedure::text || ' ' || md5(f.prosrc) || ' ' || f.prosecdef || ' '
             || pg_catalog.pg_get_userbyid(f.proowner) || ' ' || coalesce(array_to_string(f.proconfig, ','), '') || ' '
             || coalesce(f.proacl::text, '')
        FROM pg_catalog.pg_proc f WHERE f.pronamespace IN (SELECT oid FROM ns)
      UNION ALL SELECT 'view ' || r.relname || ' ' || md5(pg_catalog.pg_get_viewdef(r.oid)) || ' '
             || coalesce(array_to_string(r.reloptions, ','), '') FROM rel r WHERE r.relkind = 'v'
    ) lines)sql";
  Query q(db, description);
  q.step();
  return sha256_hex(q.text(0));
}

std::int64_t server_schema_version(Connection& db) {
  if (single_integer(db, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                         "c.relnamespace WHERE n.nspname = 'imcomply' AND c.relname = 'meta'") == 0)
    return 0;
  return single_integer(db, "SELECT version FROM imcomply.meta");
}

std::optional<std::string> server_acting_office(Connection& db) {
  Query q(db, "SELECT imcomply.acting_office()");
  return q.step() ? q.optional_text(0) : std::nullopt;
}

std::optional<ServerSession> server_session(Connection& db) {
  Query q(db, "SELECT session_user, coalesce(imcomply.session_created(imcomply.acting_office()), false)");
  if (!q.step()) return std::nullopt;
  return ServerSession{q.text(0), q.integer(1) != 0};
}

std::vector<std::string> sqlite_structure_problems(const std::filesystem::path& path) {
  SQLite::Database file(path.string(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  file.exec("PRAGMA busy_timeout = 10000");
  SQLite::Statement q(file, "PRAGMA integrity_check(20)");
  std::vector<std::string> lines;
  while (q.executeStep()) {
    std::string line = q.getColumn(0).getString();
    if (line != "ok") lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace imcomply::integrity_store
