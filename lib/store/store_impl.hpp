#pragma once
// lib/ only: what Store holds (its backend, the journal's prepared statements), and the journal's
// row digests that storage files and verify share.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <optional>
#include <string_view>


#include "imcomply/journal.hpp"
#include "imcomply/store.hpp"
#include "store/sql.hpp"
#include "store/backend.hpp"
#include "store/journal_store.hpp"

namespace imcomply {

/// The PRAGMA application_id that marks a database of `kind` (lib/ only: county collect probes files).
int application_id_of(StoreKind kind);

struct Store::Impl {
  std::filesystem::path path;
  StoreKind kind = StoreKind::office;
  /// What the store is over: an SQLite file (lib/store/backend.hpp).
  std::unique_ptr<store::Backend> backend;
  /// The backend's connection (lib/store/sql.hpp): every storage file speaks it.
  sql::Connection* connection;
  /// Statements the journal runs for every changed row, prepared once per connection (imports
  /// journal millions of rows). Declared after the backend, so they are finalized before it.
  std::map<std::string, sql::Query, std::less<>> row_readers;
  std::optional<sql::Query> journal_head;
  std::optional<sql::Query> journal_insert;
  std::optional<sql::Query> journal_insert_batch;  ///< with the columns of format 3's batches

  Impl(std::filesystem::path p, StoreKind k, std::unique_ptr<store::Backend> b)
      : path(std::move(p)), kind(k), backend(std::move(b)), connection(&backend->connection()) {}
  /// The prepared `SELECT * FROM table WHERE rowid = ?`.
  sql::Query& row_reader(std::string_view table);
};

/// A row's columns as the journal digests them (SELECT * order, NULL kept); nullopt when gone.
/// The journal and verify both read rows through here, so they can never disagree.
std::optional<FieldList> read_row(sql::Connection& db, std::string_view table, std::int64_t rowid);
/// The same through a prepared reader.
std::optional<FieldList> read_row(sql::Query& reader, std::int64_t rowid);
/// The current row of a statement, from column `first` on, converted as read_row does.
FieldList row_fields(sql::Query& row, int first = 0);
/// The format-2 row_digest of the statement's current row from column `first` on, each value with
/// its storage class as stored; the journal and verify both digest rows through here.
std::string row_digest(std::string_view salt, sql::Query& row, int first = 0);
/// The format-1 digest (values as bytes), for rows whose latest record is older than migration 0009.
std::string row_digest_v1(std::string_view salt, sql::Query& row, int first = 0);
/// Format 3: the salted digest of the statement's current row (from column `first` on) as a
/// batch's leaf holds it; the import and verify both digest batched rows through here.
Hash leaf_digest(const Seed& salt, sql::Query& row, int first = 0);
/// The column whose day decides a purgeable table's retention (usage_entries, system_queries).
std::optional<std::string_view> retention_column(std::string_view table);

/// Journals the rows an import adds as batch records (spec §7; journal format 3): each run of
/// consecutive rows of one retention day, up to max_batch_leaves, becomes one record carrying the
/// Merkle root (RFC 6962) of their salted digests, the seed of their salts stored beside it. Add
/// the rows in rowid order; flush() before commit (a failed import rolls back the lot).
class BatchJournal {
 public:
  BatchJournal(WriteTransaction& tx, std::string_view table);
  BatchJournal(const BatchJournal&) = delete;
  BatchJournal& operator=(const BatchJournal&) = delete;
  ~BatchJournal();
  /// The row of `table` just written with this rowid, read back through the journal's reader.
  void add(std::int64_t rowid);
  /// The same from a statement positioned on the row as stored (SELECT * order).
  void add_current(std::int64_t rowid, sql::Query& row);
  /// Journals the open batch, if any.
  void flush();

 private:
  WriteTransaction& tx_;
  std::string table_;
  int day_index_ = -1;  ///< the column of the row's retention day, if its table has one
  journal_store::BatchWriter seeds_;
  std::int64_t first_ = 0;
  std::int64_t leaves_ = 0;  ///< in the open batch
  std::optional<std::string> day_;
  Seed seed_{};
  std::optional<SaltStream> salts_;
  MerkleFold fold_;
};

/// The small helpers every storage file uses, in one place.
namespace sql {

inline Connection& connection_of(Store& store) { return *store.impl().connection; }
inline Connection& connection_of(WriteTransaction& tx) { return *tx.store().impl().connection; }

}  // namespace sql

}  // namespace imcomply
