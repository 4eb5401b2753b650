#include "imcomply/purge.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/account_store.hpp"
#include "imcomply/data_files.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/roles.hpp"
#include "store/purge_store.hpp"
#include "store/usage_store.hpp"

namespace imcomply {
namespace {

Date today(const Session& s) { return taiwan_date(s.now); }

// What the run's destruction records say of the method, as far as it is true: the WAL is named
// only once it was truncated (spec §7: no purged page left in it).
constexpr const char* method_running =
    "rows deleted with SQLite secure_delete; files overwritten with zeros, synced and unlinked; WAL not truncated yet";
constexpr const char* method_done =
    "rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked";
constexpr const char* method_wal_kept =
    "rows deleted with SQLite secure_delete; files overwritten with zeros, synced and unlinked; WAL NOT truncated "
    "(a reader held an older snapshot): purged pages may remain in it";
// The central store (spec §10) deletes through its purge function, but the server keeps a deleted
// row's bytes in free space and its WAL until they are reused, and in base backups and WAL
// archives: without the personal columns' data keys (not built yet) nothing is destroyed there.
constexpr const char* method_server =
    "rows deleted through the central store's purge function; files overwritten with zeros, synced and unlinked; "
    "the server keeps the rows' bytes in free space, WAL, base backups and WAL archives (no data keys to destroy yet)";
constexpr const char* method_server_none = "nothing deleted: no row was due on the central store";

/// What a run had committed when it stopped, for the error that stopped it.
std::string committed_so_far(const PurgeResult& result, int batches, const std::vector<const PurgeCount*>& counts) {
  if (batches == 0) return fmt::format("nothing had been removed yet (run {})", result.run_id);
  std::string what;
  for (const auto* c : counts) what += fmt::format("{}{} {}", what.empty() ? "" : ", ", c->count, c->kind);
  return fmt::format("{} batch(es) committed before it removed {} (run {}, in purge history)", batches, what,
                     result.run_id);
}

void widen(PurgeCount& count, Date day) {
  if (!count.first || day < *count.first) count.first = day;
  if (!count.last || day > *count.last) count.last = day;
}

/// spec §7: the journal keeps nothing of purged rows. Records from before the retention window go;
/// rows whose latest record is among them (a record of their own, or a batch that still holds
/// their leaf) are journaled again first, in the transaction that cuts that record, so every
/// surviving row stays covered; each cut leaves a purge_cuts row that verify starts the chain from.
void cut_journal(Session& s, PurgeResult& result) {
  const auto last = purge_store::last_seq_before(s.store, format_date(add_days(result.cutoff, 1)));
  const auto first = purge_store::first_seq(s.store);
  if (!last || !first || *last < *first) return;
  const auto rows = purge_store::rows_last_journaled_by(s.store, *last);
  for (const auto& r : rows)
    if (!r.exists) {  // deleted behind imcomply's back: keep the evidence for audit verify
      result.problems.push_back(fmt::format("journal not cut: {} row {} is missing (run audit verify)", r.table, r.id));
      return;
    }
  constexpr std::int64_t records_per_batch = 5000;  // each batch is one short write lock
  std::size_t next = 0;  // rows are in the order of their latest record
  while (true) {
    WriteTransaction tx(s.store, s.actor, Command::purge_run, s.now);
    const auto start = purge_store::first_seq(s.store);  // under the lock: another purge may have cut
    if (!start || *start > *last) break;
    const std::int64_t end = std::min(*last, *start + records_per_batch - 1);
    for (; next < rows.size() && rows[next].seq <= end; ++next) tx.journal(rows[next].table, rows[next].id);
    purge_store::cut_journal(tx, end, result.run_id);
    tx.commit();
    s.store.between_batches();
  }
}

}  // namespace

Date retention_cutoff(Date today, int years) {
  // The latest day D with D + years (its anniversary) already over: anniversary < today.
  Date cutoff = add_years(today, -years);
  while (add_years(cutoff, years) >= today) cutoff = add_days(cutoff, -1);
  while (add_years(add_days(cutoff, 1), years) < today) cutoff = add_days(cutoff, 1);
  return cutoff;
}

std::int64_t add_hold(Session& s, const std::optional<std::string>& login, std::optional<Date> from, std::optional<Date> to,
                      const std::string& reason) {
  if (login.has_value() == (from.has_value() || to.has_value()))  // usage first (spec §1)
    throw UsageError("a hold is on --user LOGIN, or on --from D --to D");
  if (!login && !(from && to)) throw UsageError("a period hold needs both --from and --to");
  WriteTransaction tx(s.store, s.actor, Command::purge_hold, s.now);  // then the role and the rules, under the lock
  if (from && to && *to < *from) throw RejectedInput("--to precedes --from");
  if (login && !account_store::find_user(s.store, *login)) throw RejectedInput(fmt::format("unknown user {}", *login));
  if (reason.empty()) throw RejectedInput("a hold needs a --reason");
  const auto id = purge_store::insert_hold(tx, Hold{0, login, from, to, reason, s.now, s.actor.login, std::nullopt});
  tx.commit();
  return id;
}

void release_hold(Session& s, std::int64_t id) {
  WriteTransaction tx(s.store, s.actor, Command::purge_hold, s.now);  // checks the role, then the hold, under the lock
  if (!purge_store::release_hold(tx, id)) throw RejectedInput(fmt::format("no active hold #{}", id));
  tx.commit();
}

std::vector<Hold> holds(Session& s, bool active_only) { return purge_store::load_holds(s.store, active_only); }

namespace {

/// Whether a row past its retention stays: an active hold covers it (R4.1), or obtained data of the
/// entry is neither filed nor destroyed yet, so the entry is its record (R3.7).
bool held(const purge_store::Due& row, const std::vector<Hold>& holds) {
  return std::any_of(holds.begin(), holds.end(), [&](const Hold& h) { return h.covers(row.login, row.day); });
}
bool is_kept(const purge_store::Due& row, const std::vector<Hold>& holds) { return row.data_waiting || held(row, holds); }

/// Reads `table` on from `position` for rows past `cutoff`, handing each to `visit` with whether it
/// is kept, until `visit` says stop or no row is left; the position moves past every row read.
template <typename Visit>
void scan_past_retention(Store& store, std::string_view table, Date cutoff, const std::vector<Hold>& holds,
                         purge_store::ScanPosition& position, Visit visit) {
  constexpr int page = 2000;
  while (true) {
    const auto rows = purge_store::rows_up_to(store, table, cutoff, position, page);
    for (const auto& row : rows) {
      position = {row.at, row.id};
      if (!visit(row, is_kept(row, holds))) return;
    }
    if (rows.size() < page) return;
  }
}

/// A count of `kind` with nothing counted yet.
PurgeCount no_rows_of(std::string_view kind) {
  PurgeCount count;
  count.kind = std::string(kind);
  return count;
}

/// The rows of `table` past `cutoff` that are due (not kept), at most `limit`, from `position` on.
std::vector<purge_store::Due> due_rows(Store& store, std::string_view table, Date cutoff,
                                       purge_store::ScanPosition& position, std::size_t limit) {
  const auto holds = purge_store::load_holds(store, true);
  std::vector<purge_store::Due> due;
  if (limit == 0) return due;
  scan_past_retention(store, table, cutoff, holds, position, [&](const purge_store::Due& row, bool kept) {
    if (!kept) due.push_back(row);
    return due.size() < limit;
  });
  return due;
}

/// How many rows of `table` past `cutoff` a hold keeps.
std::int64_t held_rows(Store& store, std::string_view table, Date cutoff) {
  const auto holds = purge_store::load_holds(store, true);
  if (holds.empty()) return 0;
  std::int64_t count = 0;
  purge_store::ScanPosition position;
  scan_past_retention(store, table, cutoff, holds, position, [&](const purge_store::Due& row, bool) {
    count += held(row, holds);
    return true;
  });
  return count;
}

/// A clock set back would let retention end early: the journal's newest record is a lower bound
/// on the true time, so a "now" before it is refused.
void refuse_clock_set_back(Session& s) {
  const auto newest = s.store.latest_journal_time();
  if (!newest || parse_time(*newest) <= s.now) return;
  throw RejectedInput(fmt::format("the clock says {} but the journal's newest record is from {}; purge refuses to run on "
                                  "a clock that was set back",
                                  format_time(s.now), *newest),
                      "correct the system clock (timedatectl, NTP), then run purge again");
}

}  // namespace

PurgeResult purge(Session& s, bool dry_run, int batch_rows) {
  if (!dry_run) require_permission(s.store, s.actor, Command::purge_run);
  refuse_clock_set_back(s);
  const int years = s.config.rules.log_retention_years;  // the config already refused fewer than five (R4.1)
  PurgeResult result;
  result.dry_run = dry_run;
  result.cutoff = retention_cutoff(today(s), years);
  result.run_id = new_salt().substr(0, 16);
  result.journal_hash = usage_store::journal_head(s.store).value_or("0:" + genesis_hash);
  PurgeCount entries = no_rows_of("usage_entries"), queries = no_rows_of("system_queries"),
             data = no_rows_of("obtained_data"), files = no_rows_of("files"), paper = no_rows_of("paper");
  entries.held = held_rows(s.store, "usage_entries", result.cutoff);
  queries.held = held_rows(s.store, "system_queries", result.cutoff);

  int batches = 0;  // transactions committed so far, for the error that may stop the run
  try {
    // The run's destruction records exist from its start and grow in each batch's own transaction,
    // so whatever a run removed before it was stopped is accounted for (spec §5: the proof).
    // One record per run, however little it removed: its counts per kind (spec §5).
    if (!dry_run) {
      WriteTransaction tx(s.store, s.actor, Command::purge_run, s.now);
      DestructionRecord record;
      record.run_id = result.run_id;
      record.rule = fmt::format("R4.1 log_retention_years={}; R3.7", years);
      record.journal_hash = result.journal_hash;
      record.method = method_running;
      record.operator_login = s.actor.login;
      record.state = DestructionRecord::State::unfinished;
      record.cutoff = result.cutoff;
      record.counts = {entries, queries, data, files};
      record.done_at = s.now;
      purge_store::insert_record(tx, record);
      tx.commit();
    }

    // Unfiled data past its destroy-by day (R3.7): files are destroyed now; paper needs a person.
    // A file is touched with no transaction open, so one that stalls never holds the write lock,
    // and it is recorded destroyed only once it is; --dry-run runs the same checks.
    const FileRules file_rules{s.config.data.file_roots, s.store.path()};
    for (const auto& d : purge_store::data_past_date(s.store, today(s))) {
      if (!d.file_path) {
        result.paper.push_back({d.id, d.login, d.description, d.destroy_by});
        ++paper.count;
        continue;
      }
      if (!dry_run && !purge_store::pending_data(s.store, d.id)) continue;  // another run recorded it meanwhile
      const std::string problem =
          d.file ? destroy_registered(*d.file, file_rules, dry_run)
                 : "registered before imcomply kept a file's device and inode; nothing destroyed";
      if (!problem.empty()) {
        if (!dry_run && !purge_store::pending_data(s.store, d.id)) continue;  // a second run got there first
        result.problems.push_back(fmt::format("data item #{} ({}): {}; once a person has dealt with it: purge confirm {} "
                                              "--method TEXT",
                                              d.id, *d.file_path, problem, d.id));
        continue;
      }
      if (!dry_run) {
        WriteTransaction tx(s.store, s.actor, Command::purge_run, s.now);
        // Under the lock: a second run that destroyed it first has recorded it, and is not counted twice.
        if (!purge_store::mark_destroyed(tx, d.id, "file overwritten with zeros, synced and unlinked by purge")) continue;
        purge_store::add_to_record(tx, result.run_id, "files", 1, d.destroy_by, d.destroy_by);
        tx.commit();
        ++batches;
      }
      widen(files, d.destroy_by);
      ++files.count;
    }

    // R4.1: the usage log and the system log, once their five years have passed, in batches. Each
    // batch is chosen under its own write lock, so two runs at once never count a row twice.
    if (!dry_run) s.store.begin_batched_run();  // after each batch's commit, not inside it
    for (auto* count : {&entries, &queries}) {
      const std::string table = count->kind;
      purge_store::ScanPosition position;  // kept rows are read once, not again in every batch
      if (dry_run) {
        for (const auto& row : due_rows(s.store, table, result.cutoff, position, std::numeric_limits<std::size_t>::max())) {
          widen(*count, row.day);
          ++count->count;
        }
        continue;
      }
      while (true) {
        WriteTransaction tx(s.store, s.actor, Command::purge_run, s.now);  // may wait for another writer: not counted
        const auto started = std::chrono::steady_clock::now();
        // The holds are read under the lock too: one placed meanwhile keeps its rows.
        const auto rows = due_rows(s.store, table, result.cutoff, position, static_cast<std::size_t>(batch_rows));
        if (rows.empty()) break;
        PurgeCount batch = no_rows_of(table);
        for (const auto& row : rows) widen(batch, row.day);
        const auto removed_data = purge_store::delete_rows(tx, table, rows);
        purge_store::add_to_record(tx, result.run_id, table, static_cast<std::int64_t>(rows.size()), batch.first, batch.last);
        if (removed_data > 0) purge_store::add_to_record(tx, result.run_id, "obtained_data", removed_data, std::nullopt, std::nullopt);
        tx.commit();
        ++batches;
        const auto held_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        result.longest_batch_ms = std::max<std::int64_t>(result.longest_batch_ms, held_ms.count());
        widen(*count, *batch.first);
        widen(*count, *batch.last);
        count->count += static_cast<std::int64_t>(rows.size());
        data.count += removed_data;
        s.store.between_batches();  // the lock is released: writers go on while the pages are copied back
      }
    }
    result.counts = {entries, queries, data, files, paper};
    if (dry_run) return result;
    cut_journal(s, result);

    // Spec §7: no old page of a purged row stays in the WAL. A reader's older snapshot keeps the
    // WAL from being truncated (retried until --wait has passed); the records then say so.
    const bool server = s.store.server_session().has_value();
    const bool truncated = !server && s.store.forget_deleted_pages();
    // Rows the run deleted (paper is a person's to destroy: the run deletes none of it).
    const bool removed = entries.count + queries.count + data.count + files.count > 0;
    {
      WriteTransaction tx(s.store, s.actor, Command::purge_run, s.now);
      const char* method = server ? (removed ? method_server : method_server_none) : truncated ? method_done : method_wal_kept;
      purge_store::set_run_method(tx, result.run_id, method);
      tx.commit();
    }
    if (server) {
      if (removed)
        result.problems.push_back(
            "the central store deleted the rows, but its server keeps their bytes in free space and WAL (and base "
            "backups) until reused: the data keys that would destroy them are not built yet (imcomply(7))");
    } else if (truncated) {
      s.store.forget_deleted_pages();  // the record just written is all the WAL held: leave it empty too
    } else {
      result.problems.push_back(fmt::format(
          "the WAL could not be truncated within --wait: a reader holds an older snapshot, so pages of purged records "
          "may remain in {}-wal until it is truncated; close the reader and rerun purge",
          s.store.path().string()));
    }
    return result;
  } catch (...) {
    if (dry_run) throw;
    // Spec §1: the error says what the run had already committed; each batch is in its records.
    const Error e = current_storage_error();
    std::string what = e.what();
    for (const std::string_view unsaid : {"; nothing was written", " nothing was written"})
      if (what.size() > unsaid.size() && what.ends_with(unsaid)) what.resize(what.size() - unsaid.size());
    throw Error(e.status(),
                fmt::format("purge stopped: {}; {}", what, committed_so_far(result, batches, {&entries, &queries, &data, &files})),
                e.hint().empty() ? "fix the cause (free space, a busy writer), then rerun purge: it goes on where this run stopped"
                                 : e.hint());
  }
}

void confirm_destroyed(Session& s, std::int64_t id, const std::string& method, const std::optional<std::string>& witness) {
  WriteTransaction tx(s.store, s.actor, Command::purge_confirm, s.now);  // first: a second confirm finds it done
  const auto item = purge_store::pending_data(s.store, id);
  if (!item) throw RejectedInput(fmt::format("data item #{} is not waiting for destruction", id));
  // A file purge can still destroy is left to purge; one it reports as a problem (missing,
  // replaced, refused) waits for a person, who says here what became of it.
  if (item->file && destroy_registered(*item->file, FileRules{s.config.data.file_roots, s.store.path()}, true).empty())
    throw RejectedInput(fmt::format("data item #{} is an electronic file that purge can destroy: run purge", id));
  if (method.empty()) throw RejectedInput("say how it was destroyed: --method TEXT");
  if (witness && !account_store::find_user(s.store, *witness)) throw RejectedInput(fmt::format("unknown witness {}", *witness));
  if (!purge_store::mark_destroyed(tx, id, witness ? fmt::format("{}; witness {}", method, *witness) : method))
    throw StorageError("the data item changed under the write lock");
  DestructionRecord record{new_salt().substr(0, 16), "R3.7", usage_store::journal_head(s.store).value_or(""), method,
                           s.actor.login, witness, DestructionRecord::State::confirmed, today(s),
                           {PurgeCount{item->file_path ? "files" : "paper", 1, 0, item->destroy_by, item->destroy_by}},
                           s.now};
  purge_store::insert_record(tx, record);
  tx.commit();
}

const PurgeCount* DestructionRecord::count_of(std::string_view kind) const {
  for (const auto& c : counts)
    if (c.kind == kind) return &c;
  return nullptr;
}

std::vector<DestructionRecord> destruction_history(Session& s, const HistoryFilter& filter) {
  const auto& kinds = destruction_kinds;
  if (filter.kind && std::find(kinds.begin(), kinds.end(), *filter.kind) == kinds.end())
    throw RejectedInput(fmt::format("unknown kind \"{}\" (use {})", *filter.kind, fmt::join(kinds, ", ")));
  std::vector<DestructionRecord> list;
  for (auto& r : purge_store::load_records(s.store)) {
    if (r.state != DestructionRecord::State::confirmed)  // what the run's method says it did
      r.state = r.method == method_done || r.method == method_server_none ? DestructionRecord::State::complete
                : r.method == method_wal_kept || r.method == method_server ? DestructionRecord::State::wal_kept
                                              : DestructionRecord::State::unfinished;
    if (filter.since && taiwan_date(r.done_at) < *filter.since) continue;
    const PurgeCount* of_kind = filter.kind ? r.count_of(*filter.kind) : nullptr;
    if (filter.kind && !of_kind) continue;
    if (filter.nonzero && (of_kind ? of_kind->count == 0
                                   : std::none_of(r.counts.begin(), r.counts.end(), [](const auto& c) { return c.count > 0; })))
      continue;
    list.push_back(std::move(r));
  }
  return list;
}

}  // namespace imcomply
