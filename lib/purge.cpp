#include "imcomply/purge.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "account_store.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/roles.hpp"
#include "purge_store.hpp"
#include "usage_store.hpp"

namespace imcomply {
namespace {

Date today(const Session& s) { return taiwan_date(s.now); }

constexpr const char* destruction_method =
    "rows deleted with SQLite secure_delete, WAL truncated; files overwritten with zeros, synced and unlinked";

/// Overwrites a registered file with zeros, syncs and unlinks it. Empty when done, else why not.
std::string destroy_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return "";  // already gone: nothing left to destroy
    return fmt::format("cannot open the registered file: {}", std::strerror(errno));
  }
  struct stat info {};
  std::string problem;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    problem = "the registered path is not a regular file";
  } else {
    std::array<char, 65536> zeros{};
    for (off_t left = info.st_size; left > 0 && problem.empty();) {
      const auto chunk = static_cast<size_t>(std::min<off_t>(left, zeros.size()));
      const ssize_t written = ::write(fd, zeros.data(), chunk);
      if (written <= 0) problem = fmt::format("cannot overwrite the registered file: {}", std::strerror(errno));
      left -= written > 0 ? written : 0;
    }
    if (problem.empty() && ::fsync(fd) != 0) problem = fmt::format("cannot sync the registered file: {}", std::strerror(errno));
  }
  ::close(fd);
  if (problem.empty() && ::unlink(path.c_str()) != 0 && errno != ENOENT)  // ENOENT: another run got there
    problem = fmt::format("cannot unlink the registered file: {}", std::strerror(errno));
  return problem;
}

void widen(PurgeCount& count, Date day) {
  if (!count.first || day < *count.first) count.first = day;
  if (!count.last || day > *count.last) count.last = day;
}

/// spec §7: the journal keeps nothing of purged rows. Records from before the retention window go;
/// rows whose latest record is among them are journaled again first, so every surviving row stays
/// covered, and each cut leaves a purge_cuts row that verify starts the chain from.
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
  constexpr std::size_t rows_per_batch = 500;
  for (std::size_t i = 0; i < rows.size(); i += rows_per_batch) {
    WriteTransaction tx(s.store, s.actor, "purge", s.now);
    for (std::size_t j = i; j < std::min(rows.size(), i + rows_per_batch); ++j) tx.journal(rows[j].table, rows[j].id);
    tx.commit();
    s.store.checkpoint();
  }
  constexpr std::int64_t records_per_batch = 5000;  // each batch is one short write lock
  while (true) {
    WriteTransaction tx(s.store, s.actor, "purge", s.now);
    const auto start = purge_store::first_seq(s.store);  // under the lock: another purge may have cut
    if (!start || *start > *last) break;
    purge_store::cut_journal(tx, std::min(*last, *start + records_per_batch - 1), result.run_id);
    tx.commit();
    s.store.checkpoint();
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
  require_permission(s.store, s.actor, "purge.hold");
  if (login.has_value() == (from.has_value() || to.has_value()))
    throw UsageError("a hold is on --user LOGIN, or on --from D --to D");
  if (!login && !(from && to)) throw UsageError("a period hold needs both --from and --to");
  if (from && to && *to < *from) throw RejectedInput("--to precedes --from");
  if (login && !account_store::find_user(s.store, *login)) throw RejectedInput(fmt::format("unknown user {}", *login));
  if (reason.empty()) throw RejectedInput("a hold needs a --reason");
  WriteTransaction tx(s.store, s.actor, "purge.hold", s.now);
  const auto id = purge_store::insert_hold(tx, Hold{0, login, from, to, reason, s.now, s.actor.login, std::nullopt});
  tx.commit();
  return id;
}

void release_hold(Session& s, std::int64_t id) {
  require_permission(s.store, s.actor, "purge.hold");
  WriteTransaction tx(s.store, s.actor, "purge.hold", s.now);
  if (!purge_store::release_hold(tx, id)) throw RejectedInput(fmt::format("no active hold #{}", id));
  tx.commit();
}

std::vector<Hold> holds(Session& s, bool active_only) { return purge_store::load_holds(s.store, active_only); }

PurgeResult purge(Session& s, bool dry_run, int batch_rows) {
  if (!dry_run) require_permission(s.store, s.actor, "purge");
  const int years = s.config.rules.log_retention_years;  // the config already refused fewer than five (R4.1)
  PurgeResult result;
  result.dry_run = dry_run;
  result.cutoff = retention_cutoff(today(s), years);
  result.run_id = new_salt().substr(0, 16);
  result.journal_hash = usage_store::journal_head(s.store).value_or("0:" + genesis_hash);
  PurgeCount entries{"usage_entries"}, queries{"system_queries"}, data{"obtained_data"}, files{"files"}, paper{"paper"};
  entries.held = purge_store::held_rows(s.store, "usage_entries", result.cutoff);
  queries.held = purge_store::held_rows(s.store, "system_queries", result.cutoff);

  // The run's destruction records exist from its start and grow in each batch's own transaction,
  // so whatever a run removed before it was stopped is accounted for (spec §5: the proof).
  if (!dry_run) {
    WriteTransaction tx(s.store, s.actor, "purge", s.now);
    for (const auto* c : {&entries, &queries, &data, &files})
      purge_store::insert_record(tx, DestructionRecord{result.run_id, fmt::format("R4.1 log_retention_years={}; R3.7", years),
                                                       c->kind, result.journal_hash, destruction_method, s.actor.login,
                                                       result.cutoff, 0, c->held, std::nullopt, std::nullopt, s.now});
    tx.commit();
  }

  // Unfiled data past its destroy-by day (R3.7): files are destroyed now; paper needs a person.
  for (const auto& d : purge_store::data_past_date(s.store, today(s))) {
    if (!d.file_path) {
      result.paper.push_back({d.id, d.login, d.description, d.destroy_by});
      ++paper.count;
      continue;
    }
    if (dry_run) {
      widen(files, d.destroy_by);
      ++files.count;
      continue;
    }
    // Under the write lock: a second purge running at the same time finds it done.
    WriteTransaction tx(s.store, s.actor, "purge", s.now);
    if (!purge_store::pending_data(s.store, d.id)) continue;
    if (const auto problem = destroy_file(*d.file_path); !problem.empty()) {
      result.problems.push_back(fmt::format("data item #{}: {}", d.id, problem));
      continue;
    }
    purge_store::mark_destroyed(tx, d.id, "file overwritten with zeros, synced and unlinked by purge");
    purge_store::add_to_record(tx, result.run_id, "files", 1, d.destroy_by, d.destroy_by);
    tx.commit();
    widen(files, d.destroy_by);
    ++files.count;
  }

  // R4.1: the usage log and the system log, once their five years have passed, in batches. Each
  // batch is chosen under its own write lock, so two runs at once never count a row twice.
  if (!dry_run) s.store.manual_checkpoints();  // after each batch's commit, not inside it
  for (auto* count : {&entries, &queries}) {
    const std::string table = count->kind;
    if (dry_run) {
      for (const auto& row : purge_store::due_rows(s.store, table, result.cutoff, std::numeric_limits<int>::max())) {
        widen(*count, row.day);
        ++count->count;
      }
      continue;
    }
    while (true) {
      WriteTransaction tx(s.store, s.actor, "purge", s.now);  // may wait for another writer: not counted
      const auto started = std::chrono::steady_clock::now();
      const auto rows = purge_store::due_rows(s.store, table, result.cutoff, batch_rows);
      if (rows.empty()) break;
      PurgeCount batch{table};
      for (const auto& row : rows) widen(batch, row.day);
      const auto removed_data = purge_store::delete_rows(tx, table, rows);
      purge_store::add_to_record(tx, result.run_id, table, static_cast<std::int64_t>(rows.size()), batch.first, batch.last);
      if (removed_data > 0) purge_store::add_to_record(tx, result.run_id, "obtained_data", removed_data, std::nullopt, std::nullopt);
      tx.commit();
      const auto held_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      result.longest_batch_ms = std::max<std::int64_t>(result.longest_batch_ms, held_ms.count());
      s.store.checkpoint();  // the lock is released: writers go on while the pages are copied back
      widen(*count, *batch.first);
      widen(*count, *batch.last);
      count->count += static_cast<std::int64_t>(rows.size());
      data.count += removed_data;
    }
  }
  result.counts = {entries, queries, data, files, paper};
  if (dry_run) return result;
  cut_journal(s, result);
  s.store.truncate_wal();  // no old page of a purged row stays in the WAL
  return result;
}

void confirm_destroyed(Session& s, std::int64_t id, const std::string& method, const std::optional<std::string>& witness) {
  require_permission(s.store, s.actor, "purge");
  const auto item = purge_store::pending_data(s.store, id);
  if (!item) throw RejectedInput(fmt::format("data item #{} is not waiting for destruction", id));
  if (item->file_path)
    throw RejectedInput(fmt::format("data item #{} is an electronic file: purge destroys it", id));
  if (method.empty()) throw RejectedInput("say how it was destroyed: --method TEXT");
  if (witness && !account_store::find_user(s.store, *witness)) throw RejectedInput(fmt::format("unknown witness {}", *witness));
  const std::string how = witness ? fmt::format("{}; witness {}", method, *witness) : method;
  WriteTransaction tx(s.store, s.actor, "purge.confirm", s.now);
  purge_store::mark_destroyed(tx, id, how);
  purge_store::insert_record(tx, DestructionRecord{new_salt().substr(0, 16), "R3.7", "paper",
                                                   usage_store::journal_head(s.store).value_or(""), "paper: " + how,
                                                   s.actor.login, today(s), 1, 0, item->destroy_by, item->destroy_by, s.now});
  tx.commit();
}

std::vector<DestructionRecord> destruction_history(Session& s) { return purge_store::load_records(s.store); }

}  // namespace imcomply
