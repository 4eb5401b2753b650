#include "journal_store.hpp"

#include <cstring>

#include <fmt/format.h>
#include <sqlite3.h>

namespace imcomply::journal_store {
namespace {

template <std::size_t N>
bool read_bytes(const SQLite::Column& column, std::array<unsigned char, N>& out) {
  if (column.getType() != SQLITE_BLOB || static_cast<std::size_t>(column.getBytes()) != N) return false;
  std::memcpy(out.data(), column.getBlob(), N);
  return true;
}

bool read_subtree(SQLite::Statement& q, Subtree& range) {
  if (q.getColumn(0).getType() != SQLITE_INTEGER || q.getColumn(1).getType() != SQLITE_INTEGER) return false;
  const auto start = q.getColumn(0).getInt64(), size = q.getColumn(1).getInt64();
  if (start < 0 || size < 1) return false;
  range = {static_cast<std::uint64_t>(start), static_cast<std::uint64_t>(size)};
  return true;
}

}  // namespace

std::vector<Batch> batches_of(SQLite::Database& db, std::string_view table) {
  SQLite::Statement q(db, "SELECT seq, entity_id, leaves, day FROM journal WHERE entity = ? AND leaves IS NOT NULL "
                          "ORDER BY CAST(entity_id AS INTEGER), seq");
  q.bind(1, std::string(table));
  std::vector<Batch> list;
  while (q.executeStep()) {
    Batch b;
    b.seq = q.getColumn(0).getInt64();
    b.first = q.getColumn(1).getInt64();
    b.leaves = q.getColumn(2).getInt64();
    if (!q.getColumn(3).isNull()) b.day = q.getColumn(3).getString();
    list.push_back(std::move(b));
  }
  return list;
}

BatchReader::BatchReader(SQLite::Database& db)
    : seeds_(db, "SELECT start, size, seed FROM journal_seeds WHERE batch = ? ORDER BY start"),
      nodes_(db, "SELECT start, size, hash FROM journal_nodes WHERE batch = ? ORDER BY start") {}

std::vector<StoredSeed> BatchReader::seeds(std::int64_t batch) {
  seeds_.reset();
  seeds_.bind(1, static_cast<int64_t>(batch));
  std::vector<StoredSeed> list;
  while (seeds_.executeStep()) {
    StoredSeed s;
    s.valid = read_subtree(seeds_, s.block.range) && read_bytes(seeds_.getColumn(2), s.block.seed);
    list.push_back(s);
  }
  seeds_.reset();
  return list;
}

std::vector<StoredNode> BatchReader::nodes(std::int64_t batch) {
  nodes_.reset();
  nodes_.bind(1, static_cast<int64_t>(batch));
  std::vector<StoredNode> list;
  while (nodes_.executeStep()) {
    StoredNode n;
    n.valid = read_subtree(nodes_, n.node.range) && read_bytes(nodes_.getColumn(2), n.node.hash);
    list.push_back(n);
  }
  nodes_.reset();
  return list;
}

BatchWriter::BatchWriter(SQLite::Database& db)
    : db_(db),
      insert_seed_(db, "INSERT INTO journal_seeds (batch, start, size, seed) VALUES (?, ?, ?, ?)"),
      insert_node_(db, "INSERT INTO journal_nodes (batch, start, size, hash) VALUES (?, ?, ?, ?)"),
      delete_seeds_(db, "DELETE FROM journal_seeds WHERE batch = ?"),
      delete_nodes_(db, "DELETE FROM journal_nodes WHERE batch = ?") {}

void BatchWriter::insert_seed(std::int64_t batch, const SeedBlock& block) {
  insert_seed_.reset();
  insert_seed_.bind(1, static_cast<int64_t>(batch));
  insert_seed_.bind(2, static_cast<int64_t>(block.range.start));
  insert_seed_.bind(3, static_cast<int64_t>(block.range.size));
  insert_seed_.bind(4, block.seed.data(), static_cast<int>(block.seed.size()));
  insert_seed_.exec();
  insert_seed_.reset();
}

void BatchWriter::insert_root_seed(std::int64_t batch, const Seed& seed) {
  insert_seed(batch, SeedBlock{{0, max_batch_leaves}, seed});
}

void BatchWriter::replace_seeds(std::int64_t batch, const std::vector<SeedBlock>& seeds) {
  delete_seeds_.reset();
  delete_seeds_.bind(1, static_cast<int64_t>(batch));
  delete_seeds_.exec();
  delete_seeds_.reset();
  for (const auto& block : seeds) insert_seed(batch, block);
}

void BatchWriter::replace_nodes(std::int64_t batch, const std::vector<SubtreeHash>& nodes) {
  delete_nodes_.reset();
  delete_nodes_.bind(1, static_cast<int64_t>(batch));
  delete_nodes_.exec();
  delete_nodes_.reset();
  for (const auto& node : nodes) {
    insert_node_.reset();
    insert_node_.bind(1, static_cast<int64_t>(batch));
    insert_node_.bind(2, static_cast<int64_t>(node.range.start));
    insert_node_.bind(3, static_cast<int64_t>(node.range.size));
    insert_node_.bind(4, node.hash.data(), static_cast<int>(node.hash.size()));
    insert_node_.exec();
    insert_node_.reset();
  }
}

std::vector<std::int64_t> batches_with_seeds_or_nodes(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT batch FROM journal_seeds UNION SELECT batch FROM journal_nodes ORDER BY 1");
  std::vector<std::int64_t> list;
  while (q.executeStep()) list.push_back(q.getColumn(0).getInt64());
  return list;
}

void delete_up_to(SQLite::Database& db, std::int64_t seq) {
  for (const char* table : {"journal_seeds", "journal_nodes"}) {
    SQLite::Statement remove(db, fmt::format("DELETE FROM {} WHERE batch <= ?", table));
    remove.bind(1, static_cast<int64_t>(seq));
    remove.exec();
  }
}

}  // namespace imcomply::journal_store
