#pragma once
// The system's own audit log (稽核日誌), downloaded every month (R4.3): its import, with subject
// identifiers kept only as a keyed hash and a mask, and its reconciliation with the usage log.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/csv.hpp"
#include "imcomply/usage.hpp"

namespace imcomply {

struct SystemQuery {
  std::int64_t id = 0;
  Instant at{};
  std::string account;
  Item item{};
  std::string subject_masked;  ///< A12****789: all that is ever shown
  std::string subject_hmac;    ///< HMAC-SHA-256 with the office key: to count and correlate
  std::vector<std::string> fields;
  std::optional<std::string> client_ip;
};

/// "A123456789" → "A12****789": identifiers of 10 or more characters keep three at each end;
/// shorter ones keep a quarter at each end (at least one), and something is always masked.
std::string mask_subject(std::string_view subject);

/// The per-office key file beside the database ("DB.key"), made on first use, mode 0600. The
/// database holds a check value of it (spec §7): a key replaced by another is refused (StorageError).
std::filesystem::path subject_key_path(const std::filesystem::path& database);
/// The subject key of the session's store: `subject_key` in the config, else the file beside the
/// database; on the central store, which has no file beside it, the setting is required (exit 6).
std::filesystem::path subject_key_of(Session& s);

/// Copies the database's subject key to the new file `to` (0600), after the same checks an import
/// makes (its mode, its check value); false when the office has no key yet.
bool copy_subject_key(Session& s, const std::filesystem::path& to);

/// Imports a downloaded system log (auditor): the CSV reader of qlog, columns named by
/// [import.system] in the config; all or nothing; the same file twice adds nothing, and a row
/// already present (account, time, item, subject) is not added again.
ImportSummary import_system_log(Session& s, const std::filesystem::path& file, Encoding encoding, bool dry_run);

std::vector<SystemQuery> system_queries(Session& s, std::optional<Date> from, std::optional<Date> to);
/// The same, one at a time in time order, without holding them all.
void for_each_system_query(Session& s, std::optional<Date> from, std::optional<Date> to,
                           const std::function<void(const SystemQuery&)>& visit);

struct Reconciliation {
  std::vector<SystemQuery> unlogged;  ///< system queries inside no usage-log entry of that user
  std::vector<UsageEntry> unused;     ///< usage-log entries with no system query inside them
  bool clean() const { return unlogged.empty() && unused.empty(); }
};
/// Every system query must fall inside an entry of the same user (login − tolerance ≤ time ≤
/// logout + tolerance, [rules] reconcile_tolerance_seconds).
Reconciliation reconcile(Session& s, std::optional<Month> month);

/// reconcile in steps, for a caller that reads the month's queries anyway (audit monthly reads
/// them once for both): the usage entries are read at construction, then the system queries of
/// first_day()…last_day() are fed in time order, then finish() gives the result.
class Reconciler {
 public:
  Reconciler(Session& s, std::optional<Month> month);
  Reconciler(const Reconciler&) = delete;
  Reconciler& operator=(const Reconciler&) = delete;
  ~Reconciler();

  /// The month with a margin on each side (a session may span midnight); nullopt: unbounded.
  std::optional<Date> first_day() const;
  std::optional<Date> last_day() const;
  void add(const SystemQuery& query);
  Reconciliation finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace imcomply
