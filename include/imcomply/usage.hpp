#pragma once
// The usage log of R3.3 and R4.1 (Annex 1): who queried, when they logged in and out, for what
// purpose; the data obtained by a query (R3.7); the monthly sheet and its sign-offs; handovers.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/csv.hpp"
#include "imcomply/dates.hpp"
#include "imcomply/items.hpp"
#include "imcomply/session.hpp"
#include "imcomply/signed_forms.hpp"

namespace imcomply {

struct UsageEntry {
  std::int64_t id = 0;
  std::string login;
  std::string name;  ///< the user's name from the roster, for forms
  Item item{};
  std::string purpose;
  std::optional<std::string> basis;     ///< 法令依據
  std::optional<std::string> case_ref;  ///< 案號
  Instant login_at{};
  std::optional<Instant> logout_at;     ///< nullopt while the session is open
};

/// What a new entry says; `logout_at` may be missing for `open`.
struct NewEntry {
  std::string login;
  Item item{};
  std::string purpose;
  std::optional<std::string> basis, case_ref;
  Instant login_at{};
  std::optional<Instant> logout_at;
};

/// A half-open month, "2026-11".
struct Month {
  int year = 0;
  int month = 0;
  Date first() const { return Date{year, month, 1}; }
  Date last() const;
  std::string text() const;
};
/// "2026-11" or "115/11" or "115-11"; anything else throws RejectedInput.
Month parse_month(std::string_view text);
Month month_of(Date day);

// Every write to the log is refused (exit 3) in a month whose sheet is signed, unless made
// `after` signing with a reason (spec §4 "a signed form is frozen"; signed_forms.hpp).

/// Opens a session in the log and returns its id. Refused (exit 3): a user not active at that
/// time (terminated, suspended, not yet approved; a termination counts from the moment it was
/// recorded), an item not granted to them, an empty purpose, or an open session of theirs.
std::int64_t open_entry(Session& s, const NewEntry& entry, const std::optional<AfterSigning>& after = std::nullopt);
/// Closes an entry by id, or the user's open one; logout before login is refused.
UsageEntry close_entry(Session& s, std::optional<std::int64_t> id, const std::optional<std::string>& login,
                       std::optional<Instant> at, const std::optional<AfterSigning>& after = std::nullopt);
/// Records a whole row at once (transcribing a paper sheet).
std::int64_t add_entry(Session& s, const NewEntry& entry, const std::optional<AfterSigning>& after = std::nullopt);

struct EntryFilter {
  std::optional<Date> from, to;  ///< inclusive, by login day in Taiwan
  std::optional<std::string> login;
};
std::vector<UsageEntry> list_entries(Session& s, const EntryFilter& filter);

/// What an import did, or would do with --dry-run.
struct ImportSummary {
  std::string file;
  std::string encoding;
  std::string digest;
  std::int64_t rows = 0;       ///< data rows in the file
  std::int64_t added = 0;
  std::int64_t duplicates = 0; ///< rows already in the log (the same user, item and login time)
  bool already_imported = false;  ///< the same file (by digest) was imported before: nothing added
  bool dry_run = false;
};
/// Imports a usage-log CSV (spec §3) in one transaction: a bad row rejects the whole file with
/// FILE:LINE: reason and nothing is written.
/// A row of a month whose sheet is signed is refused unless `after` is given.
ImportSummary import_entries(Session& s, const std::filesystem::path& file, Encoding encoding, bool dry_run,
                             const std::optional<AfterSigning>& after = std::nullopt);

/// One finding of `qlog check`.
struct UsageFinding {
  std::string kind;  ///< never-closed, too-long, not-active, not-granted, overlap
  std::int64_t entry_id = 0;
  std::string login;
  std::string detail;
};
std::vector<UsageFinding> check_entries(Session& s, std::optional<Month> month);

// --- Annex 1 ---

enum class SheetRole { officer, secretary, director };
std::string_view sheet_role_name(SheetRole role);
SheetRole parse_sheet_role(std::string_view text);

struct SheetSignoff {
  SheetRole role{};
  std::string login;
  std::string name;
  Instant signed_at{};  ///< the newest signature of this role (signed again after a change)
  bool stale = false;   ///< the sheet changed after this signature (簽核後異動)
};

/// The month's usage-log sheet (附件一 應用移民資訊資料日誌表), in the order of login time.
struct UsageSheet {
  std::string office_name;  ///< 彰化縣 ＿＿ 戶政事務所: the blank filled with this
  Month month;
  std::vector<UsageEntry> entries;
  std::vector<SheetSignoff> signoffs;
  std::vector<FormChange> after_signing;  ///< changes since signing that not every signer has signed again
  std::optional<std::string> checkpoint;  ///< "SEQ:HASH" of the journal, anchoring the paper
};
UsageSheet usage_sheet(Session& s, Month month);
/// The person signing must hold the role signed for (officer, secretary; director = head). A role
/// signs once, and again only after the sheet changed (its signature is stale).
void sign_sheet(Session& s, Month month, SheetRole role);

// --- data obtained (R3.7) ---

struct ObtainedData {
  std::int64_t id = 0;
  std::int64_t entry_id = 0;
  std::string login;
  std::string description;
  std::optional<std::string> archive_no;  ///< filed with a case (隨文附卷)
  std::optional<Date> destroy_by;         ///< unfiled: destroyed by the end of this day
  std::optional<std::string> file_path;   ///< an electronic copy that purge destroys
  std::optional<Instant> destroyed_at;
  bool overdue = false;                   ///< unfiled, not destroyed, past destroy_by
};
struct NewData {
  std::int64_t entry_id = 0;
  std::string description;
  std::optional<std::string> archive_no;
  std::optional<Date> destroy_by;
  std::optional<std::string> file_path;
};
/// An archive number is never empty; data of a signed month needs `after`.
std::int64_t add_data(Session& s, const NewData& data, const std::optional<AfterSigning>& after = std::nullopt);
/// All items, or only those still to destroy (pending) with the overdue marked.
std::vector<ObtainedData> list_data(Session& s, bool pending_only);

// --- handover (R3.1) ---

/// The period a handover lists, inclusive, by login day in Taiwan. Either end may be left out:
/// `until` defaults to the handover's date; `from` to the date of LOGIN's latest earlier handover
/// (that day again, so that nothing recorded later that day is missed), else LOGIN's first entry.
struct HandoverRequest {
  std::string login, to;
  std::optional<Date> on;  ///< the handover's date; default today
  std::optional<Date> from, until;
};

struct Handover {
  std::string login, to;
  std::string login_name, to_name;  ///< from the roster, for the form
  Date on{};
  Date from{}, until{};              ///< the period listed, inclusive
  std::string office_name;          ///< 彰化縣 ＿＿ 戶政事務所: the blank filled with this
  std::vector<UsageEntry> entries;  ///< LOGIN's entries of the period
  std::vector<ObtainedData> data;     ///< obtained by those entries, whatever became of it
  std::vector<ObtainedData> pending;  ///< LOGIN's data still to destroy (unfiled, not destroyed), of any date
  std::optional<std::string> checkpoint;  ///< "SEQ:HASH" of the journal once the handover is recorded
  /// The distinct data items on the list (data ∪ pending), as recorded.
  std::size_t data_items() const;
};
/// Records that LOGIN's query records of the period pass to OTHER, and returns the list to sign.
/// Refused (exit 3): an unknown person, OTHER == LOGIN, OTHER not active (nor without an
/// account), a handover date in the future, a period ending after the handover date or
/// starting after it ends. Nothing is written then.
Handover handover(Session& s, const HandoverRequest& request);

/// The journal's head as "SEQ:HASH", or nullopt when it is empty.
std::optional<std::string> journal_head(Session& s);

}  // namespace imcomply
