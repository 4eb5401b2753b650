#pragma once
// lib/ only: the SQL behind purge.cpp.
#include <optional>
#include <string>
#include <vector>

#include "imcomply/data_files.hpp"
#include "imcomply/purge.hpp"

namespace imcomply::purge_store {

std::int64_t insert_hold(WriteTransaction& tx, const Hold& hold);
bool release_hold(WriteTransaction& tx, std::int64_t id);
std::vector<Hold> load_holds(Store& store, bool active_only);

/// A row of `table` (usage_entries or system_queries) from a day up to a retention cutoff, with
/// what purge's rules judge it by (lib/purge.cpp): who it is of, its day and, for an entry, whether
/// obtained data of it is neither filed nor destroyed yet.
struct Due {
  std::int64_t id = 0;
  Date day{};
  std::string login;
  std::string at;  ///< the time column as stored: with id, where a scan goes on from
  bool data_waiting = false;
};
/// Where a scan of rows_up_to goes on from: after (at, id).
struct ScanPosition {
  std::string at;
  std::int64_t id = 0;
};
/// The next `limit` rows of `table` from days up to `cutoff` after `after`, in (time, id) order.
std::vector<Due> rows_up_to(Store& store, std::string_view table, Date cutoff, const ScanPosition& after, int limit);
/// Deletes usage entries (and the obtained-data rows that point at them, with their data_files) or system queries,
/// journaling each; returns the obtained-data rows removed with them.
std::int64_t delete_rows(WriteTransaction& tx, std::string_view table, const std::vector<Due>& rows);

struct DueData {
  std::int64_t id = 0;
  std::string login, description;
  std::optional<std::string> file_path;
  std::optional<RegisteredFile> file;  ///< with its device and inode; nullopt if registered before they were kept
  Date destroy_by{};
};
/// Unfiled data not destroyed whose destroy-by day is before `today`.
std::vector<DueData> data_past_date(Store& store, Date today);
std::optional<DueData> pending_data(Store& store, std::int64_t id);
/// Records item `id` destroyed; false (nothing written) when it was already.
bool mark_destroyed(WriteTransaction& tx, std::int64_t id, const std::string& method);

/// The journal's first record, and the last of its prefix recorded before `before` (ISO day).
std::optional<std::int64_t> first_seq(Store& store);
std::optional<std::int64_t> last_seq_before(Store& store, const std::string& before);
/// Rows whose latest journal record is at or before `seq` and says they exist (a record of the row,
/// or a batch record that still holds its leaf): (table, id, there?, that record), by record.
struct Journaled {
  std::string table;
  std::int64_t id = 0;
  bool exists = false;
  std::int64_t seq = 0;
};
std::vector<Journaled> rows_last_journaled_by(Store& store, std::int64_t seq);
/// Removes the journal's records up to `seq` (and the seeds and stored subtrees of the batches
/// among them), leaving a purge_cuts row that verify starts from.
void cut_journal(WriteTransaction& tx, std::int64_t seq, const std::string& run_id);

/// Writes a destruction record: one row of destructions, with the counts of `record.counts`.
void insert_record(WriteTransaction& tx, const DestructionRecord& record);
/// Adds `count` rows (of days first..last) to the run's count of `kind`.
void add_to_record(WriteTransaction& tx, const std::string& run_id, const std::string& kind, std::int64_t count,
                   std::optional<Date> first, std::optional<Date> last);
/// Every record, oldest first: the rows of destruction_records (before schema 0009, one per kind)
/// grouped into one record per run, then those of destructions. A run's state is left complete.
std::vector<DestructionRecord> load_records(Store& store);
/// Sets the method of the run's record (what it did, as far as it is true).
void set_run_method(WriteTransaction& tx, const std::string& run_id, const std::string& method);

}  // namespace imcomply::purge_store
