#include "store/journal_store.hpp"

#include <cstring>

#include <fmt/format.h>

namespace imcomply::journal_store {

using namespace sql;
namespace {

template <std::size_t N>
bool read_bytes(sql::Query& q, int column, std::array<unsigned char, N>& out) {
  if (q.type(column) != StorageClass::blob || q.bytes(column).size() != N) return false;
  std::memcpy(out.data(), q.bytes(column).data(), N);
  return true;
}

bool read_subtree(Query& q, Subtree& range) {
  if (q.type(0) != StorageClass::integer || q.type(1) != StorageClass::integer) return false;
  const auto start = q.integer(0), size = q.integer(1);
  if (start < 0 || size < 1) return false;
  range = {static_cast<std::uint64_t>(start), static_cast<std::uint64_t>(size)};
  return true;
}

}  // namespace

std::vector<Batch> batches_of(Connection& db, std::string_view table, std::int64_t from_row, std::int64_t to_row) {
  // Through the index journal_batches (migration 0012; on the server, lib/schema/postgres/): its
  // expression and condition, as written there.
  const std::string_view row = db.dialect() == Dialect::postgres ? "imcomply.entity_row(entity_id)" : "CAST(entity_id AS INTEGER)";
  Query q(db, fmt::format("SELECT seq, entity_id, leaves, day FROM journal WHERE entity = ?1 AND leaves IS NOT NULL "
                          "AND {0} BETWEEN ?2 AND ?3 ORDER BY {0}, seq",
                          row));
  // A batch holds at most max_batch_leaves rows: one that starts earlier ends before from_row.
  q.bind(1, table).bind(2, from_row - static_cast<std::int64_t>(max_batch_leaves) + 1).bind(3, to_row);
  std::vector<Batch> list;
  while (q.step()) {
    Batch b;
    b.seq = q.integer(0);
    b.first = q.integer(1);
    b.leaves = q.integer(2);
    if (!q.is_null(3)) b.day = q.text(3);
    list.push_back(std::move(b));
  }
  return list;
}

BatchReader::BatchReader(Connection& db)
    : seeds_(db, "SELECT start, size, seed FROM journal_seeds WHERE batch = ? ORDER BY start"),
      nodes_(db, "SELECT start, size, hash FROM journal_nodes WHERE batch = ? ORDER BY start") {}

std::vector<StoredSeed> BatchReader::seeds(std::int64_t batch) {
  seeds_.reset();
  seeds_.bind(1, static_cast<std::int64_t>(batch));
  std::vector<StoredSeed> list;
  while (seeds_.step()) {
    StoredSeed s;
    s.valid = read_subtree(seeds_, s.block.range) && read_bytes(seeds_, 2, s.block.seed);
    list.push_back(s);
  }
  seeds_.reset();
  return list;
}

std::vector<StoredNode> BatchReader::nodes(std::int64_t batch) {
  nodes_.reset();
  nodes_.bind(1, static_cast<std::int64_t>(batch));
  std::vector<StoredNode> list;
  while (nodes_.step()) {
    StoredNode n;
    n.valid = read_subtree(nodes_, n.node.range) && read_bytes(nodes_, 2, n.node.hash);
    list.push_back(n);
  }
  nodes_.reset();
  return list;
}

BatchWriter::BatchWriter(Connection& db)
    : db_(db),
      insert_seed_(db, "INSERT INTO journal_seeds (batch, start, size, seed) VALUES (?, ?, ?, ?)"),
      insert_node_(db, "INSERT INTO journal_nodes (batch, start, size, hash) VALUES (?, ?, ?, ?)"),
      delete_seeds_(removal(db, "journal_seeds", "batch")),
      delete_nodes_(removal(db, "journal_nodes", "batch")) {}

void BatchWriter::insert_seed(std::int64_t batch, const SeedBlock& block) {
  insert_seed_.reset();
  insert_seed_.bind(1, static_cast<std::int64_t>(batch));
  insert_seed_.bind(2, static_cast<std::int64_t>(block.range.start));
  insert_seed_.bind(3, static_cast<std::int64_t>(block.range.size));
  insert_seed_.bind_blob(4, std::string_view(reinterpret_cast<const char*>(block.seed.data()), block.seed.size()));
  insert_seed_.run();
  insert_seed_.reset();
}

void BatchWriter::insert_root_seed(std::int64_t batch, const Seed& seed) {
  insert_seed(batch, SeedBlock{{0, max_batch_leaves}, seed});
}

void BatchWriter::replace_seeds(std::int64_t batch, const std::vector<SeedBlock>& seeds) {
  delete_seeds_.reset();
  delete_seeds_.bind(1, static_cast<std::int64_t>(batch));
  delete_seeds_.run();
  delete_seeds_.reset();
  for (const auto& block : seeds) insert_seed(batch, block);
}

void BatchWriter::replace_nodes(std::int64_t batch, const std::vector<SubtreeHash>& nodes) {
  delete_nodes_.reset();
  delete_nodes_.bind(1, static_cast<std::int64_t>(batch));
  delete_nodes_.run();
  delete_nodes_.reset();
  for (const auto& node : nodes) {
    insert_node_.reset();
    insert_node_.bind(1, static_cast<std::int64_t>(batch));
    insert_node_.bind(2, static_cast<std::int64_t>(node.range.start));
    insert_node_.bind(3, static_cast<std::int64_t>(node.range.size));
    insert_node_.bind_blob(4, std::string_view(reinterpret_cast<const char*>(node.hash.data()), node.hash.size()));
    insert_node_.run();
    insert_node_.reset();
  }
}

std::vector<std::int64_t> batches_with_seeds_or_nodes(Connection& db) {
  Query q(db, "SELECT batch FROM journal_seeds UNION SELECT batch FROM journal_nodes ORDER BY 1");
  std::vector<std::int64_t> list;
  while (q.step()) list.push_back(q.integer(0));
  return list;
}

Query removal(Connection& db, std::string_view table, std::string_view key) {
  // The server's staff delete nothing themselves: rows leave through the purge function, which
  // checks the office again (lib/schema/postgres/).
  if (db.dialect() == Dialect::postgres)
    return Query(db, fmt::format("SELECT imcomply.purge_rows('{}', ARRAY[CAST(? AS BIGINT)])", table));
  return Query(db, fmt::format("DELETE FROM {} WHERE {} = ?", table, key));
}

void cut_up_to(Connection& db, std::int64_t seq) {
  if (db.dialect() == Dialect::postgres) {
    Query cut(db, "SELECT imcomply.purge_rows('journal_cut', ARRAY[CAST(? AS BIGINT)])");
    cut.bind(1, seq);
    cut.run();
    return;
  }
  Query remove(db, "DELETE FROM journal WHERE seq <= ?");
  remove.bind(1, seq);
  remove.run();
  delete_up_to(db, seq);
}

void delete_up_to(Connection& db, std::int64_t seq) {
  for (const char* table : {"journal_seeds", "journal_nodes"}) {
    Query remove(db, fmt::format("DELETE FROM {} WHERE batch <= ?", table));
    remove.bind(1, static_cast<std::int64_t>(seq));
    remove.run();
  }
}

}  // namespace imcomply::journal_store
