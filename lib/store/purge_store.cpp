#include "store/purge_store.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "store/journal_store.hpp"
#include "store/store_impl.hpp"

namespace imcomply::purge_store {

using namespace sql;
namespace {

/// The login and time columns of a purgeable table, and the hold test on them.
struct Shape {
  const char* who;
  const char* when;
};
Shape shape_of(std::string_view table) {
  if (table == "usage_entries") return {"login", "login_at"};
  if (table == "system_queries") return {"account", "queried_at"};
  throw std::logic_error("not a purgeable table");
}

/// Obtained data `d` neither filed in an archive nor destroyed yet (R3.7).
constexpr std::string_view data_not_done = "d.archive_no IS NULL AND d.destroyed_at IS NULL";

/// The columns and tables due_data reads.
constexpr std::string_view due_data_from =
    "d.id, e.login, d.description, d.file_path, d.destroy_by, f.device, f.inode FROM obtained_data d "
    "JOIN usage_entries e ON e.id = d.entry_id LEFT JOIN data_files f ON f.id = d.id";

/// A row of id, login, description, file_path, destroy_by, device, inode.
DueData due_data(Query& q) {
  DueData d{q.integer(0), q.text(1), q.text(2), q.optional_text(3),
            std::nullopt, q.date(4)};
  if (d.file_path && !q.is_null(5))
    d.file = RegisteredFile{*d.file_path, static_cast<std::uint64_t>(q.integer(5)),
                            static_cast<std::uint64_t>(q.integer(6))};
  return d;
}

}  // namespace

std::int64_t insert_hold(WriteTransaction& tx, const Hold& hold) {
  Query insert(connection_of(tx),
                           "INSERT INTO holds (login, from_on, to_on, reason, placed_at, placed_by) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, hold.login);
  insert.bind(2, hold.from ? std::optional(format_date(*hold.from)) : std::nullopt);
  insert.bind(3, hold.to ? std::optional(format_date(*hold.to)) : std::nullopt);
  insert.bind(4, hold.reason);
  insert.bind(5, format_time(tx.now()));
  insert.bind(6, tx.actor().login);
  insert.run();
  const std::int64_t id = connection_of(tx).last_insert_id();
  tx.journal("holds", id);
  return id;
}

bool release_hold(WriteTransaction& tx, std::int64_t id) {
  Query update(connection_of(tx),
                           "UPDATE holds SET released_at = ?, released_by = ? WHERE id = ? AND released_at IS NULL");
  update.bind(1, format_time(tx.now()));
  update.bind(2, tx.actor().login);
  update.bind(3, static_cast<std::int64_t>(id));
  if (update.run() == 0) return false;
  tx.journal("holds", id);
  return true;
}

std::vector<Hold> load_holds(Store& store, bool active_only) {
  Query q(connection_of(store),
                      "SELECT id, login, from_on, to_on, reason, placed_at, placed_by, released_at FROM holds "
                      "WHERE ? = 0 OR released_at IS NULL ORDER BY id");
  q.bind(1, active_only ? 1 : 0);
  std::vector<Hold> list;
  while (q.step()) {
    Hold h;
    h.id = q.integer(0);
    if (!q.is_null(1)) h.login = q.text(1);
    h.from = q.optional_date(2);
    h.to = q.optional_date(3);
    h.reason = q.text(4);
    h.placed_at = q.time(5);
    h.placed_by = q.text(6);
    if (!q.is_null(7)) h.released_at = q.time(7);
    list.push_back(std::move(h));
  }
  return list;
}

std::vector<Due> rows_up_to(Store& store, std::string_view table, Date cutoff, const ScanPosition& after, int limit) {
  const Shape shape = shape_of(table);
  const std::string waiting = table == "usage_entries" ? fmt::format("EXISTS (SELECT 1 FROM obtained_data d WHERE "
                                                                     "d.entry_id = t.id AND {})",
                                                                     data_not_done)
                                                       : std::string("0");
  Query q(connection_of(store),
          fmt::format("SELECT t.id, t.{0}, t.{1}, {3} FROM {2} t WHERE t.{1} < ?1 AND (t.{1} > ?2 OR (t.{1} = ?2 AND "
                      "t.id > ?3)) ORDER BY t.{1}, t.id LIMIT ?4",
                      shape.who, shape.when, table, waiting));
  q.bind(1, format_date(add_days(cutoff, 1)));
  q.bind(2, after.at);
  q.bind(3, after.id);
  q.bind(4, limit);
  std::vector<Due> rows;
  while (q.step()) {
    Due row{q.integer(0), {}, q.text(1), q.text(2), q.integer(3) != 0};
    row.day = parse_date(std::string_view(row.at).substr(0, 10));
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

/// The leaves that purge removes from the batches of one table in one transaction (spec §7): each
/// row of a batch leaves its leaf hash, so that the batch keeps the compact range of what it lost
/// and its root still recomputes, and loses its salt; each batch gets one removal record.
class LeafRemover {
 public:
  /// For the batches that may hold some of `rows`.
  LeafRemover(WriteTransaction& tx, std::string_view table, const std::vector<Due>& rows)
      : tx_(tx), table_(table), reader_(connection_of(tx)) {
    if (rows.empty()) return;
    const auto [low, high] = std::minmax_element(rows.begin(), rows.end(), [](const Due& a, const Due& b) { return a.id < b.id; });
    batches_ = journal_store::batches_of(connection_of(tx), table, low->id, high->id);
  }

  /// Takes the row's leaf if it is a leaf of a batch still (before the row is deleted); false if
  /// it is journaled on its own.
  bool take(std::int64_t rowid) {
    // The batch whose range holds the row and in which its leaf was not removed before (a rowid
    // may come back after a purge removed the largest, and a later import reuse it).
    auto it = std::upper_bound(batches_.begin(), batches_.end(), rowid,
                               [](std::int64_t id, const journal_store::Batch& b) { return id < b.first; });
    while (it != batches_.begin()) {
      --it;
      if (rowid - it->first >= static_cast<std::int64_t>(max_batch_leaves)) break;
      if (!it->covers(rowid)) continue;
      auto& state = state_of(*it);
      const auto index = static_cast<std::uint64_t>(rowid - it->first);
      const bool removed = std::any_of(state.nodes.begin(), state.nodes.end(), [&](const SubtreeHash& n) {
        return index >= n.range.start && index < n.range.end();
      });
      if (removed) continue;
      state.taken.push_back({index, rowid});
      return true;
    }
    return false;
  }

  /// Before the rows are deleted: each taken leaf's hash, from the row and its salt.
  void hash_taken() {
    for (auto& [seq, state] : states_) {
      std::sort(state.taken.begin(), state.taken.end());
      SaltStream salts(state.seeds);
      auto& reader = tx_.store().impl().row_reader(table_);
      for (const auto& [index, rowid] : state.taken) {
        const auto salt = salts.salt(index);
        reader.reset();
        reader.bind(1, static_cast<std::int64_t>(rowid));
        if (!salt || !reader.step())
          throw StorageError(fmt::format("{} row {}: its batch (journal record {}) has no salt for it", table_, rowid, seq));
        state.leaves.emplace_back(index, merkle_leaf(leaf_digest(*salt, reader)));
        reader.reset();
      }
    }
  }

  /// After the rows are deleted: each batch keeps the compact ranges of all it lost and the seeds
  /// of its other leaves only, and a removal record says which leaves went.
  void finish() {
    journal_store::BatchWriter writer(connection_of(tx_));
    for (auto& [seq, state] : states_) {
      if (state.taken.empty()) continue;
      std::vector<std::uint64_t> removed;
      for (const auto& taken : state.taken) removed.push_back(taken.first);
      writer.replace_nodes(seq, merge_removed(state.nodes, state.leaves));
      writer.replace_seeds(seq, puncture(state.seeds, removed, static_cast<std::uint64_t>(state.batch.leaves)));
      tx_.journal_removal(table_, seq, format_runs(runs_of(removed)), state.batch.day);
    }
  }

 private:
  struct State {
    journal_store::Batch batch;
    std::vector<SubtreeHash> nodes;
    std::vector<SeedBlock> seeds;
    std::vector<std::pair<std::uint64_t, std::int64_t>> taken;  ///< leaf index, rowid
    std::vector<std::pair<std::uint64_t, Hash>> leaves;         ///< leaf index, leaf hash
  };
  State& state_of(const journal_store::Batch& batch) {
    auto [it, fresh] = states_.try_emplace(batch.seq);
    if (fresh) {
      it->second.batch = batch;
      for (const auto& n : reader_.nodes(batch.seq)) it->second.nodes.push_back(n.node);
      for (const auto& s : reader_.seeds(batch.seq)) it->second.seeds.push_back(s.block);
    }
    return it->second;
  }

  WriteTransaction& tx_;
  std::string table_;
  std::vector<journal_store::Batch> batches_;
  journal_store::BatchReader reader_;
  std::map<std::int64_t, State> states_;
};

}  // namespace

std::int64_t delete_rows(WriteTransaction& tx, std::string_view table, const std::vector<Due>& rows) {
  auto& db = connection_of(tx);
  std::int64_t data_removed = 0;
  Query remove = journal_store::removal(db, table);
  std::optional<Query> data_of, remove_data, remove_file;
  if (table == "usage_entries") {
    data_of.emplace(db, "SELECT d.id, f.id IS NOT NULL FROM obtained_data d LEFT JOIN data_files f ON f.id = d.id "
                        "WHERE d.entry_id = ?");
    remove_data.emplace(journal_store::removal(db, "obtained_data"));
    remove_file.emplace(journal_store::removal(db, "data_files"));
  }
  LeafRemover leaves(tx, table, rows);
  std::vector<bool> batched;
  for (const auto& row : rows) batched.push_back(leaves.take(row.id));
  leaves.hash_taken();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (data_of) {  // what the entry obtained goes with it (its FK would keep the entry otherwise)
      data_of->reset();
      data_of->bind(1, static_cast<std::int64_t>(row.id));
      std::vector<std::pair<std::int64_t, bool>> ids;
      while (data_of->step()) ids.emplace_back(data_of->integer(0), data_of->integer(1) != 0);
      for (const auto& [id, has_file] : ids) {
        if (has_file) {
          remove_file->reset();
          remove_file->bind(1, static_cast<std::int64_t>(id));
          remove_file->run();
          tx.journal("data_files", id);
        }
        remove_data->reset();
        remove_data->bind(1, static_cast<std::int64_t>(id));
        remove_data->run();
        tx.journal("obtained_data", id);
        ++data_removed;
      }
    }
    remove.reset();
    remove.bind(1, static_cast<std::int64_t>(row.id));
    remove.run();
    if (!batched[i]) tx.journal(table, row.id, row.day);  // a batch's rows: one removal record for them all
  }
  leaves.finish();
  return data_removed;
}

std::vector<DueData> data_past_date(Store& store, Date today) {
  Query q(connection_of(store), fmt::format("SELECT {} WHERE {} AND d.destroy_by < ? ORDER BY d.destroy_by, d.id",
                                            due_data_from, data_not_done));
  q.bind(1, format_date(today));
  std::vector<DueData> list;
  while (q.step()) {
    list.push_back(due_data(q));
  }
  return list;
}

std::optional<DueData> pending_data(Store& store, std::int64_t id) {
  Query q(connection_of(store), fmt::format("SELECT {} WHERE d.id = ? AND {}", due_data_from, data_not_done));
  q.bind(1, static_cast<std::int64_t>(id));
  if (!q.step()) return std::nullopt;
  return due_data(q);
}

bool mark_destroyed(WriteTransaction& tx, std::int64_t id, const std::string& method) {
  Query update(connection_of(tx),
                           "UPDATE obtained_data SET destroyed_at = ?, destroyed_by = ?, destruction_method = ? "
                           "WHERE id = ? AND destroyed_at IS NULL");
  update.bind(1, format_time(tx.now()));
  update.bind(2, tx.actor().login);
  update.bind(3, method);
  update.bind(4, static_cast<std::int64_t>(id));
  if (update.run() == 0) return false;
  tx.journal("obtained_data", id);
  return true;
}

std::optional<std::int64_t> first_seq(Store& store) {
  Query q(connection_of(store), "SELECT min(seq) FROM journal");
  q.step();
  if (q.is_null(0)) return std::nullopt;
  return q.integer(0);
}

std::optional<std::int64_t> last_seq_before(Store& store, const std::string& before) {
  // The end of the journal's prefix recorded before `before`: a clock set back (or a replay) can
  // put an older time after a newer one, and nothing after a newer record may be cut.
  Query q(connection_of(store),
                      "SELECT coalesce((SELECT min(seq) FROM journal WHERE at >= ?1) - 1, (SELECT max(seq) FROM journal))");
  q.bind(1, before);
  q.step();
  if (q.is_null(0) || q.integer(0) < 1) return std::nullopt;
  return q.integer(0);
}

std::vector<Journaled> rows_last_journaled_by(Store& store, std::int64_t seq) {
  auto& db = connection_of(store);
  std::vector<Journaled> list;
  // Rows journaled on their own (batch and removal records name no row in entity_id).
  Query q(db,
                      "SELECT j.seq, j.entity, j.entity_id FROM journal j WHERE j.seq <= ? AND j.digest IS NOT NULL "
                      "AND j.leaves IS NULL AND j.batch IS NULL AND NOT EXISTS (SELECT 1 FROM journal k WHERE "
                      "k.entity = j.entity AND k.entity_id = j.entity_id AND k.seq > j.seq AND k.leaves IS NULL AND "
                      "k.batch IS NULL) ORDER BY j.seq");
  q.bind(1, static_cast<std::int64_t>(seq));
  while (q.step()) {
    Journaled r{q.text(1), std::stoll(q.text(2)), false, q.integer(0)};
    r.exists = read_row(db, r.table, r.id).has_value();
    list.push_back(std::move(r));
  }
  // The rows whose leaves batch records up to `seq` still hold: all but those purge removed.
  Query batches(db, "SELECT seq, entity, entity_id, leaves FROM journal WHERE seq <= ? AND leaves IS NOT NULL "
                                "ORDER BY seq");
  batches.bind(1, static_cast<std::int64_t>(seq));
  journal_store::BatchReader reader(db);
  while (batches.step()) {
    const std::int64_t batch = batches.integer(0);
    const std::string table = batches.text(1);
    const std::int64_t first = std::stoll(batches.text(2));
    const std::int64_t leaves = batches.integer(3);
    auto nodes = reader.nodes(batch);
    std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.node.range.start < b.node.range.start; });
    std::size_t next = 0;
    for (std::int64_t i = 0; i < leaves; ++i) {
      while (next < nodes.size() && static_cast<std::int64_t>(nodes[next].node.range.end()) <= i) ++next;
      if (next < nodes.size() && static_cast<std::int64_t>(nodes[next].node.range.start) <= i) continue;  // removed
      Journaled r{table, first + i, false, batch};
      r.exists = read_row(db, table, r.id).has_value();
      list.push_back(std::move(r));
    }
  }
  std::stable_sort(list.begin(), list.end(), [](const Journaled& a, const Journaled& b) { return a.seq < b.seq; });
  return list;
}

void cut_journal(WriteTransaction& tx, std::int64_t seq, const std::string& run_id) {
  auto& db = connection_of(tx);
  Query insert(db,
                           "INSERT INTO purge_cuts (seq, hash, run_id, cut_at) "
                           "SELECT seq, hash, ?, ? FROM journal WHERE seq = ?");
  insert.bind(1, run_id);
  insert.bind(2, format_time(tx.now()));
  insert.bind(3, static_cast<std::int64_t>(seq));
  if (insert.run() != 1) throw StorageError(fmt::format("journal record {} to cut at is missing", seq));
  const std::int64_t id = db.last_insert_id();
  tx.journal("purge_cuts", id);  // first: the new record must follow the head, even if all else is cut
  journal_store::cut_up_to(db, static_cast<std::int64_t>(seq));  // with the seeds and subtrees of the batches cut
}

namespace {

/// The columns of destructions that hold a kind's count: `KIND`, and where the kind has them
/// `KIND_held` and `KIND_first`, `KIND_last`.
struct KindColumns {
  std::string_view kind;
  bool held, days;
};
constexpr std::array<KindColumns, 5> kind_columns = {{{"usage_entries", true, true},
                                                      {"system_queries", true, true},
                                                      {"obtained_data", false, false},
                                                      {"files", false, true},
                                                      {"paper", false, true}}};
const KindColumns& columns_of(std::string_view kind) {
  for (const auto& k : kind_columns)
    if (k.kind == kind) return k;
  throw std::logic_error("not a kind of destruction record");
}

std::optional<std::string> day_text(std::optional<Date> day) {
  return day ? std::optional(format_date(*day)) : std::nullopt;
}

// How purge confirm wrote its method into destruction_records before schema 0009.
constexpr std::string_view legacy_paper = "paper: ", legacy_file = "file, confirmed by a person: ", legacy_witness = "; witness ";

/// A confirmation's method as written before 0009, split into the --method and the witness.
void split_legacy_method(DestructionRecord& r) {
  for (const auto prefix : {legacy_paper, legacy_file})
    if (r.method.starts_with(prefix)) r.method.erase(0, prefix.size());
  const auto at = r.method.rfind(legacy_witness);
  if (at == std::string::npos) return;
  const std::string login = r.method.substr(at + legacy_witness.size());
  if (login.empty() || login.find(' ') != std::string::npos) return;
  r.witness = login;
  r.method.resize(at);
}

/// The rows of destruction_records, one record per run (its rows were written together).
void load_legacy_records(Connection& db, std::vector<DestructionRecord>& list) {
  Query q(db,
                      "SELECT run_id, rule, cutoff, kind, count, first_day, last_day, held, journal_hash, method, operator, "
                      "done_at FROM destruction_records ORDER BY id");
  std::map<std::string, std::size_t> of_run;
  while (q.step()) {
    const std::string run_id = q.text(0);
    auto [at, is_new] = of_run.try_emplace(run_id, list.size());
    if (is_new) {
      DestructionRecord& r = list.emplace_back();
      r.run_id = run_id;
      r.rule = q.text(1);
      r.cutoff = q.date(2);
      r.journal_hash = q.text(8);
      r.method = q.text(9);
      r.operator_login = q.text(10);
      r.done_at = q.time(11);
      if (r.rule == "R3.7") {  // purge confirm's rule; a run's names R4.1 too
        r.state = DestructionRecord::State::confirmed;
        split_legacy_method(r);
      }
    }
    list[at->second].counts.push_back(PurgeCount{q.text(3), q.integer(4),
                                                 q.integer(7), q.optional_date(5),
                                                 q.optional_date(6)});
  }
}

}  // namespace

void insert_record(WriteTransaction& tx, const DestructionRecord& r) {
  std::string columns = "run_id, rule, cutoff, journal_hash, method, witness, confirmed, operator, done_at";
  int bound = 9;
  for (const auto& c : r.counts) {
    const auto& k = columns_of(c.kind);
    columns += fmt::format(", {}", k.kind);
    if (k.held) columns += fmt::format(", {}_held", k.kind);
    if (k.days) columns += fmt::format(", {0}_first, {0}_last", k.kind);
    bound += 1 + (k.held ? 1 : 0) + (k.days ? 2 : 0);
  }
  std::string values = "?";
  for (int i = 1; i < bound; ++i) values += ", ?";
  Query insert(connection_of(tx), fmt::format("INSERT INTO destructions ({}) VALUES ({})", columns, values));
  int i = 0;
  insert.bind(++i, r.run_id);
  insert.bind(++i, r.rule);
  insert.bind(++i, format_date(r.cutoff));
  insert.bind(++i, r.journal_hash);
  insert.bind(++i, r.method);
  insert.bind(++i, r.witness);
  insert.bind(++i, r.state == DestructionRecord::State::confirmed ? 1 : 0);
  insert.bind(++i, r.operator_login);
  insert.bind(++i, format_time(r.done_at));
  for (const auto& c : r.counts) {
    const auto& k = columns_of(c.kind);
    insert.bind(++i, static_cast<std::int64_t>(c.count));
    if (k.held) insert.bind(++i, static_cast<std::int64_t>(c.held));
    if (k.days) {
      insert.bind(++i, day_text(c.first));
      insert.bind(++i, day_text(c.last));
    }
  }
  insert.run();
  tx.journal("destructions", connection_of(tx).last_insert_id());
}

void add_to_record(WriteTransaction& tx, const std::string& run_id, const std::string& kind, std::int64_t count,
                   std::optional<Date> first, std::optional<Date> last) {
  const auto& k = columns_of(kind);
  std::string set = fmt::format("{0} = {0} + ?1", k.kind);
  if (k.days)
    set += fmt::format(", {0}_first = CASE WHEN CAST(?2 AS TEXT) IS NULL THEN {0}_first WHEN {0}_first IS NULL OR ?2 < {0}_first "
                       "THEN ?2 ELSE {0}_first END, "
                       "{0}_last = CASE WHEN CAST(?3 AS TEXT) IS NULL THEN {0}_last WHEN {0}_last IS NULL OR ?3 > {0}_last "
                       "THEN ?3 ELSE {0}_last END",
                       k.kind);
  Query update(connection_of(tx), fmt::format("UPDATE destructions SET {} WHERE run_id = ?4 RETURNING id", set));
  update.bind(1, static_cast<std::int64_t>(count));
  update.bind(2, day_text(first));
  update.bind(3, day_text(last));
  update.bind(4, run_id);
  if (!update.step()) throw StorageError(fmt::format("the destruction record of run {} is missing", run_id));
  const std::int64_t id = update.integer(0);
  update.reset();
  tx.journal("destructions", id);
}

void set_run_method(WriteTransaction& tx, const std::string& run_id, const std::string& method) {
  Query update(connection_of(tx), "UPDATE destructions SET method = ? WHERE run_id = ? RETURNING id");
  update.bind(1, method);
  update.bind(2, run_id);
  std::vector<std::int64_t> ids;
  while (update.step()) ids.push_back(update.integer(0));
  update.reset();
  for (const auto id : ids) tx.journal("destructions", id);
}

std::vector<DestructionRecord> load_records(Store& store) {
  auto& db = connection_of(store);
  std::vector<DestructionRecord> list;
  load_legacy_records(db, list);
  std::string columns;
  for (const auto& k : kind_columns)
    columns += fmt::format(", {0}, {1}, {2}, {3}", k.kind, k.held ? fmt::format("{}_held", k.kind) : "0",
                           k.days ? fmt::format("{}_first", k.kind) : "NULL", k.days ? fmt::format("{}_last", k.kind) : "NULL");
  Query q(db, fmt::format("SELECT run_id, rule, cutoff, journal_hash, method, witness, confirmed, operator, "
                                      "done_at{} FROM destructions ORDER BY id",
                                      columns));
  while (q.step()) {
    DestructionRecord& r = list.emplace_back();
    r.run_id = q.text(0);
    r.rule = q.text(1);
    r.cutoff = q.date(2);
    r.journal_hash = q.text(3);
    r.method = q.text(4);
    r.witness = q.optional_text(5);
    const bool confirmed = static_cast<int>(q.integer(6)) != 0;
    if (confirmed) r.state = DestructionRecord::State::confirmed;
    r.operator_login = q.text(7);
    r.done_at = q.time(8);
    int column = 9;
    for (const auto& k : kind_columns) {
      PurgeCount c{std::string(k.kind), q.integer(column), q.integer(column + 1),
                   q.optional_date(column + 2), q.optional_date(column + 3)};
      column += 4;
      // A run holds the kinds it removes (paper never); a confirmation the one it confirms.
      if (confirmed ? c.count > 0 : k.kind != "paper") r.counts.push_back(std::move(c));
    }
  }
  return list;
}

}  // namespace imcomply::purge_store
