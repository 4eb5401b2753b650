#pragma once
// lib/ only: the SQL of seal, keygen and verify (spec §4 audit verify, §7). The store gives the
// facts as stored — records, checkpoints, destruction records, rows, the schema — and integrity.cpp
// judges them; no rule of the journal lives here.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/integrity.hpp"
#include "imcomply/journal.hpp"
#include "store/sql.hpp"

namespace imcomply {
class Store;
}

namespace imcomply::integrity_store {

// --- anchors, checkpoints and signing keys ---

/// The newest journal record, as seal anchors it.
std::optional<Anchor> journal_head(sql::Connection& db);
/// The id of a registered signing key, by its public half in hex.
std::optional<std::int64_t> signing_key_id(sql::Connection& db, const std::string& public_key_hex);
std::int64_t insert_signing_key(sql::Connection& db, const std::string& public_key_hex, const std::string& created_at,
                                const std::string& created_by);

/// A checkpoints row as stored, joined to its key; sealed_at is the text stored and signed.
struct StoredCheckpoint {
  std::int64_t id = 0;
  std::int64_t seq = 0;
  std::string hash;
  std::string sealed_at;
  std::string sealed_by;
  std::optional<std::int64_t> key_id;
  std::optional<std::string> signature;
  std::optional<std::string> public_key;
};
std::int64_t insert_checkpoint(sql::Connection& db, const StoredCheckpoint& checkpoint);
/// Every checkpoint, oldest first (one a month: few).
std::vector<StoredCheckpoint> checkpoints(sql::Connection& db);
std::optional<StoredCheckpoint> latest_checkpoint(sql::Connection& db);

// --- the chain ---

/// A journal record as stored, and whether each column holds the storage class imcomply writes
/// there (the record's hash covers the values, not their types).
struct StoredRecord {
  JournalRecord record;
  bool types_hold = true;
};

/// The journal in seq order, through one statement.
class ChainCursor {
 public:
  explicit ChainCursor(sql::Connection& db);
  std::optional<StoredRecord> next();

 private:
  sql::Query q_;
};

/// Single records by seq, through statements prepared once.
class RecordLookup {
 public:
  explicit RecordLookup(sql::Connection& db);
  std::optional<std::string> hash_of(std::int64_t seq);
  struct Digested {
    std::string salt;
    std::string digest;
    int format = 0;
  };
  std::optional<Digested> digest_of(std::int64_t seq);

 private:
  sql::Query hash_;
  sql::Query digest_;
};

/// The row record before `seq` of one row (format 2 or later, not a batch's): its seq and the
/// retention day it gave.
class PreviousRowRecord {
 public:
  explicit PreviousRowRecord(sql::Connection& db);
  struct Found {
    std::int64_t seq = 0;
    std::optional<std::string> day;
  };
  std::optional<Found> before(const std::string& entity, const std::string& entity_id, std::int64_t seq);

 private:
  sql::Query q_;
};

/// The last journal record a purge cut away (records up to it are gone on purpose), 0 if none.
std::int64_t last_cut(sql::Connection& db);
/// Whether a purge cut names this record (seq and hash) as the last it removed.
bool cut_at(sql::Connection& db, std::int64_t seq, const std::string& hash);

/// A destruction record as stored: a destruction_records row (before schema 0009, one kind each)
/// or a destructions row (one per run, a count per purged kind).
struct StoredDestruction {
  std::string table;  ///< destruction_records or destructions, as the journal names it
  std::int64_t id = 0;
  std::string run_id;
  std::string cutoff;                                       ///< ISO day
  std::map<std::string, std::int64_t, std::less<>> counts;  ///< per purged kind
  std::string journal_hash;                                 ///< the journal's head before the run, "SEQ:HASH"
};
std::vector<StoredDestruction> destructions(sql::Connection& db);

// --- the protected rows ---

/// The tables whose rows the journal covers: all but the journal's own and the store's own.
std::vector<std::string> protected_tables(sql::Connection& db);
/// Each column's declared type, in column order.
std::vector<std::string> declared_types(sql::Connection& db, const std::string& table);
/// Every row of a protected table in rowid order: column 0 the rowid, then the row as the journal
/// digests it.
sql::Query scan(sql::Connection& db, const std::string& table);

// --- the file itself (SQLite) ---

/// How the database's schema differs from what the migrations make.
struct SchemaDifference {
  enum class Kind { statistics, added, changed, missing };
  Kind kind = Kind::added;
  std::string type;   ///< table, index, trigger, view
  std::string name;
  std::string table;  ///< the table it is on
  std::int64_t rows = 0;  ///< statistics: the rows kept
  std::vector<std::string> columns_added, columns_removed;  ///< changed tables
};
/// The store's backend answers both (lib/store/backend.hpp); structure_problems may run on another
/// thread while the store's connection is in use.
std::vector<SchemaDifference> schema_differences(Store& store);
std::vector<std::string> structure_problems(Store& store);

/// The SQLite file's answers: its sqlite_schema against the migrations applied to an empty
/// database in memory; PRAGMA integrity_check on a connection of its own (the lines not "ok").
std::vector<SchemaDifference> sqlite_schema_differences(sql::Connection& db);
/// The central store's: the views of schema `office` against the file's tables, column by column.
std::vector<SchemaDifference> server_schema_differences(sql::Connection& db);

// --- the central store's session (lib/store/postgres_server.cpp) ---

/// The SHA-256 (hex) of the central schema's description: every column, constraint, index,
/// trigger, policy, privilege, function and view of schemas imcomply and office.
std::string server_catalog_digest(sql::Connection& db);
/// The version of the central schema the server holds (imcomply.meta), 0 for none.
std::int64_t server_schema_version(sql::Connection& db);
/// The office this session acts for (imcomply.acting_office()), if any.
std::optional<std::string> server_acting_office(sql::Connection& db);
/// The session's role, and whether it created the office it acts for.
std::optional<ServerSession> server_session(sql::Connection& db);
std::vector<std::string> sqlite_structure_problems(const std::filesystem::path& path);

}  // namespace imcomply::integrity_store
