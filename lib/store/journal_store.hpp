#pragma once
// lib/ only: the SQL of the journal's batches (spec §7; docs/schema.md "Journal formats", format 3):
// the seeds of their salts (journal_seeds) and the subtree hashes purge keeps of their removed
// leaves (journal_nodes). The records themselves are written by WriteTransaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>


#include "imcomply/journal.hpp"
#include "store/sql.hpp"

namespace imcomply::journal_store {

/// A batch record as purge reads it back: its rows are first … first + leaves - 1.
struct Batch {
  std::int64_t seq = 0;
  std::int64_t first = 0;
  std::int64_t leaves = 0;
  std::optional<std::string> day;
  bool covers(std::int64_t rowid) const { return rowid >= first && rowid < first + leaves; }
};
/// The batch records of `table` that may hold a row from `from_row` to `to_row`, sorted by their
/// first row (and a batch's later records after it).
std::vector<Batch> batches_of(sql::Connection& db, std::string_view table, std::int64_t from_row, std::int64_t to_row);

/// A seeds or nodes row as stored, for verify to judge: `valid` is false when a column holds
/// something imcomply never writes there (another type, another length).
struct StoredSeed {
  SeedBlock block;
  bool valid = true;
};
struct StoredNode {
  SubtreeHash node;
  bool valid = true;
};

/// Reads a batch's seeds and nodes through statements prepared once.
class BatchReader {
 public:
  explicit BatchReader(sql::Connection& db);
  std::vector<StoredSeed> seeds(std::int64_t batch);
  std::vector<StoredNode> nodes(std::int64_t batch);

 private:
  sql::Query seeds_;
  sql::Query nodes_;
};

/// Writes a batch's seeds and nodes.
class BatchWriter {
 public:
  explicit BatchWriter(sql::Connection& db);
  /// The root seed of a new batch: it covers every leaf (salt_tree_depth).
  void insert_root_seed(std::int64_t batch, const Seed& seed);
  void replace_seeds(std::int64_t batch, const std::vector<SeedBlock>& seeds);
  void replace_nodes(std::int64_t batch, const std::vector<SubtreeHash>& nodes);

 private:
  void insert_seed(std::int64_t batch, const SeedBlock& block);
  sql::Connection& db_;
  sql::Query insert_seed_;
  sql::Query insert_node_;
  sql::Query delete_seeds_;
  sql::Query delete_nodes_;
};

/// The statement that deletes one row of a purged kind by `key` (bind it at 1): a DELETE on a
/// file, the purge function on the central store.
sql::Query removal(sql::Connection& db, std::string_view table, std::string_view key = "id");
/// Cuts the journal up to record `seq`, with the seeds and subtrees of the batches cut.
void cut_up_to(sql::Connection& db, std::int64_t seq);
/// The batches whose seeds or nodes are stored (to find those left by a batch no record names).
std::vector<std::int64_t> batches_with_seeds_or_nodes(sql::Connection& db);
/// Deletes the seeds and nodes of batches up to `seq`: a purge cut removes their records.
void delete_up_to(sql::Connection& db, std::int64_t seq);

}  // namespace imcomply::journal_store
