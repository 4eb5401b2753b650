#pragma once
// Retention and destruction (R3.7, R4.1): keep the usage log at least five years, destroy
// obtained data once its purpose ends, and prove both with destruction records.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/session.hpp"

namespace imcomply {

/// R4.1: the last login day whose records may go today: D qualifies once D + `years` years has
/// passed (the whole anniversary day over, in Taiwan; 29 February's anniversary is 1 March).
Date retention_cutoff(Date today, int years);

struct Hold {
  std::int64_t id = 0;
  std::optional<std::string> login;
  std::optional<Date> from, to;
  std::string reason;
  Instant placed_at{};
  std::string placed_by;
  std::optional<Instant> released_at;
  /// R4.1's exception: an active hold keeps every record of its user, and every record of a day
  /// within its period, from destruction.
  bool covers(std::string_view of_login, Date day) const {
    if (released_at) return false;
    return (login && *login == of_login) || (from && to && *from <= day && day <= *to);
  }
};
std::int64_t add_hold(Session& s, const std::optional<std::string>& login, std::optional<Date> from, std::optional<Date> to,
                      const std::string& reason);
void release_hold(Session& s, std::int64_t id);
std::vector<Hold> holds(Session& s, bool active_only);

/// The kinds of record a destruction record counts, in the order it lists them.
inline constexpr std::array<std::string_view, 5> destruction_kinds = {"usage_entries", "system_queries", "obtained_data",
                                                                      "files", "paper"};

/// One kind of record a run removed (or would remove).
struct PurgeCount {
  std::string kind;  ///< usage_entries, system_queries, obtained_data, files, paper
  std::int64_t count = 0;
  std::int64_t held = 0;
  std::optional<Date> first, last;
};
/// Paper data past its destroy-by date: a person must destroy it and `purge confirm` it.
struct PaperItem {
  std::int64_t id = 0;
  std::string login;
  std::string description;  ///< shown to the administrator who destroys it
  Date destroy_by{};
};
struct PurgeResult {
  std::string run_id;
  Date cutoff{};
  bool dry_run = false;
  std::vector<PurgeCount> counts;
  std::vector<PaperItem> paper;    ///< waiting for a person
  std::string journal_hash;        ///< the head before the run
  std::int64_t longest_batch_ms = 0;  ///< the longest write lock held by one batch
  std::vector<std::string> problems;  ///< files not destroyed, a WAL not truncated (one line each, no content)
  bool needs_person() const { return !paper.empty() || !problems.empty(); }
};
/// Removes what the retention allows and no hold keeps, in batches (another writer waits at most
/// one batch), destroys registered files of unfiled data past their date (the same file only,
/// outside any transaction; one missing or replaced is a problem, never recorded destroyed),
/// truncates the WAL (a reader in the way past --wait is a problem), and writes destruction
/// records. With dry_run, the same checks, counts and problems, and nothing changed. An error
/// that stops a run says what its committed batches had removed.
PurgeResult purge(Session& s, bool dry_run, int batch_rows = 500);

/// Records that a person destroyed paper data item `id`, or dealt with a file purge reported as a
/// problem (missing, replaced, refused); a file purge can still destroy is refused.
void confirm_destroyed(Session& s, std::int64_t id, const std::string& method, const std::optional<std::string>& witness);

/// A destruction record: one purge run, or one purge confirm, with its counts per kind.
struct DestructionRecord {
  /// A run that finished (the WAL truncated), one whose WAL a reader kept, one still running or
  /// stopped before the end; or a destruction a person confirmed (purge confirm).
  enum class State { complete, wal_kept, unfinished, confirmed };
  std::string run_id, rule, journal_hash, method, operator_login;
  std::optional<std::string> witness;  ///< purge confirm --witness
  State state = State::complete;
  Date cutoff{};
  /// A run: usage_entries, system_queries, obtained_data, files; a confirmation: paper or files.
  std::vector<PurgeCount> counts;
  Instant done_at{};
  /// The count of `kind`; nullptr when the record holds none of that kind.
  const PurgeCount* count_of(std::string_view kind) const;
};

/// What purge history lists; every record when empty.
struct HistoryFilter {
  std::optional<Date> since;        ///< done on this Taiwan day or later
  std::optional<std::string> kind;  ///< holding a count of this kind (one of PurgeCount's)
  bool nonzero = false;             ///< that destroyed something (of `kind`, when given)
};
/// The destruction records, oldest first: those written before schema 0010 (one row per kind)
/// as one record per run, like the newer ones. An unknown kind is rejected.
std::vector<DestructionRecord> destruction_history(Session& s, const HistoryFilter& filter = {});

}  // namespace imcomply
