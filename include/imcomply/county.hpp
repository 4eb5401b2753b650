#pragma once
// The county (spec §9): its own database (StoreKind::county), the offices it supervises, and the
// office files it collects. Collecting makes the county a witness of each office's journal: a file
// whose journal does not extend the head last witnessed is a finding naming both heads. What a file
// showed is counted and answered at collection by the office core itself (verify, due, the
// evaluators of questions.hpp), and only those counts, dates, staff logins and findings are kept:
// the county holds no copy of an office file and no personal data.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/audit.hpp"
#include "imcomply/identity.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/session.hpp"
#include "imcomply/usage.hpp"

namespace imcomply::county {

/// The county's roles (spec §9): both may collect and record; reading needs none.
enum class CountyRole { admin, supervisor };
std::string_view county_role_name(CountyRole role);

struct InitRequest {
  std::string county_code, county_name, admin_login, admin_name;
  std::optional<std::string> admin_os_user;  ///< default: the same name as the login
};
/// Creates the county's database with its first administrator; an existing file is refused (exit 3).
void init_county(const std::filesystem::path& path, std::chrono::milliseconds wait, const Actor& actor, Instant now,
                 const InitRequest& request);

/// The actor of a county command (spec §1 "actor" on the county's own roster): `as` only for an
/// administrator of the county, root or the service user; an unmapped caller may only read.
Actor resolve_actor(Store& store, const Caller& caller, const std::optional<std::string>& as,
                    const AccessSettings& access);

struct CountyInfo {
  std::string code, name;
};
CountyInfo county_info(Session& s);

struct SupervisedOffice {
  std::string code, name;
  Instant added_at{};
  std::string added_by;
};
/// Registers an office the county supervises (admin or supervisor); a code already there is refused.
void add_office(Session& s, const std::string& code, const std::string& name);
std::vector<SupervisedOffice> offices(Session& s);

/// What became of one collected file.
enum class Outcome { verified, witness, unverified, unregistered, not_office, unreadable, duplicate };
std::string_view outcome_name(Outcome outcome);  ///< "verified", "witness", …, "duplicate"

struct Collected {
  std::string file;         ///< as given
  Outcome outcome{};
  std::string reason;       ///< one line, empty when verified
  std::optional<std::string> office_code;
  std::optional<Anchor> head;      ///< the file's journal head
  std::optional<Anchor> previous;  ///< the head witnessed before it (witness: the one not extended)
  std::string sha256;
  std::vector<std::string> problems;  ///< verify's lines
  bool needs_action() const { return outcome != Outcome::verified && outcome != Outcome::duplicate; }
};
/// Collects one office file (admin or supervisor): opened without following links, never changed,
/// copied into a private temporary file that the office's own Store, verify() (once) and evaluators
/// read; then recorded with its SHA-256 in one write transaction. The same file again adds nothing
/// (duplicate). A file that cannot be read as an office's is recorded too, with the reason; a
/// county database (this one or another) is refused (RejectedInput) and recorded as not-office. A
/// live database (a non-empty -wal or -journal beside it, or a file that changes while it is
/// copied) is refused and not recorded: its file alone is not its state. The office is judged by
/// rules_for_office(): the county's [rules], or its [office.CODE] table; deadlines and destroy-by
/// days are as the office recorded them. A config table naming an unregistered office: RejectedInput.
Collected collect(Session& s, const std::filesystem::path& file);

/// One office's row of `county status`, from its latest collected file.
struct OfficeStatus {
  std::string code, name;
  std::optional<Instant> collected_at;  ///< of the latest file, nullopt when none
  std::optional<std::string> file, outcome, reason;
  std::optional<Anchor> head;           ///< of the latest file that verified
  std::optional<Instant> as_of;         ///< its newest journal record
  std::optional<int> age_days;          ///< today − as_of
  // what that file showed (nullopt: no verified file)
  std::optional<std::int64_t> overdue_terminations, late_terminations, county_waiting, data_overdue, open_incidents;
  std::optional<Date> county_waiting_since;
  std::optional<std::string> review;    ///< "2026H2 open", "2026H2 closed"
  std::optional<std::string> missed_reviews;
  /// Unannounced audits (R4.2) of the status day's year, as the file shows them: no finding before
  /// the year is over. A year that is over with fewer than required is a finding.
  std::optional<std::int64_t> audits_done, audits_required;
  std::optional<std::int64_t> month_items_recorded, month_signoffs;  ///< Annex 2 of the month asked
  std::vector<std::string> findings;    ///< what needs action, most serious first
  int severity = 0;                     ///< 3 file not trusted, 2 no or stale file, 1 other findings, 0 none
};
/// One row per registered office, most urgent first; `month` is the Annex 2 month asked about.
std::vector<OfficeStatus> status(Session& s, Month month);

/// Annex 3 for an office and a year, as answered when its latest verified file was collected; the
/// checkpoint is that file's journal head. No answers for that year: RejectedInput naming the years held.
struct CountySupervision {
  Supervision form;
  std::string file, sha256;
  Instant collected_at{};
};
CountySupervision supervision(Session& s, const std::string& office_code, std::optional<int> year);

enum class ReportBy { office, month };
ReportBy parse_report_by(std::string_view text);
struct ReportRow {
  std::string key, label;
  std::int64_t queries = 0, late_terminations = 0, findings = 0;
};
/// Queries (of the months the latest files hold), late terminations (this year) and findings, per
/// office or per month across offices.
std::vector<ReportRow> report(Session& s, ReportBy by, Month month);

}  // namespace imcomply::county
