#pragma once
// lib/ only: the SQL of the county's database (lib/schema/county/), and the two reads of an
// office file's journal that collection needs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/county.hpp"
#include "imcomply/store.hpp"

namespace imcomply::county_store {

/// The check of every county write (spec §9): county init makes the first administrator; any other
/// command needs the admin or supervisor role on the county's roster. NotPermitted otherwise.
void require_writer(Store& store, const Actor& actor, Command command);

std::optional<std::string> login_of(Store& store, const std::string& os_user);
std::vector<county::CountyRole> roles_of(Store& store, const std::string& login);

void insert_county(WriteTransaction& tx, const std::string& code, const std::string& name);
void insert_staff(WriteTransaction& tx, const std::string& login, const std::string& name, const std::string& os_user);
void insert_role(WriteTransaction& tx, const std::string& login, county::CountyRole role);
county::CountyInfo load_county(Store& store);

bool office_exists(Store& store, const std::string& code);
void insert_office(WriteTransaction& tx, const std::string& code, const std::string& name);
std::vector<county::SupervisedOffice> load_offices(Store& store);

/// A collections row, as written and read.
struct CollectionRow {
  std::int64_t id = 0;
  std::string sha256, file_name;
  std::int64_t size = 0;
  std::string collected_at, collected_by;
  std::string outcome;
  std::optional<std::string> reason, office_code, office_name;
  std::optional<std::int64_t> head_seq;
  std::optional<std::string> head_hash;
  std::optional<std::int64_t> previous_seq;
  std::optional<std::string> previous_hash;
  std::optional<std::string> as_of;
  std::optional<std::int64_t> schema_version;
};
struct CountsRow {
  std::int64_t overdue_terminations = 0, late_terminations = 0, county_waiting = 0;
  std::optional<std::string> county_waiting_since, review_period;
  std::optional<bool> review_closed;
  std::string missed_reviews;
  std::int64_t audits_year = 0, audits_done = 0, audits_required = 0, data_overdue = 0, open_incidents = 0;
};
struct MonthRow {
  std::string month;
  std::int64_t items_recorded = 0, signoffs = 0, queries = 0;
};
/// The unannounced audits (R4.2) a file showed for one year, and the number the office was held to.
struct AuditYearRow {
  int year = 0;
  std::int64_t done = 0, required = 0;
};
struct AnswerRow {
  int year = 0, item = 0;
  std::string title;
  bool yes = false;
  std::vector<std::string> evidence;
  std::string audit_date;
};

std::optional<std::int64_t> collection_by_sha(Store& store, const std::string& sha256);
/// The head last witnessed for an office: that of its latest collection that verified and extended.
std::optional<CollectionRow> last_verified(Store& store, const std::string& office_code);
/// The latest collection of an office, whatever became of it.
std::optional<CollectionRow> last_collection(Store& store, const std::string& office_code);
std::int64_t insert_collection(WriteTransaction& tx, const CollectionRow& row);
void insert_counts(WriteTransaction& tx, std::int64_t collection, const CountsRow& counts);
void insert_month(WriteTransaction& tx, std::int64_t collection, const MonthRow& month);
void insert_answer(WriteTransaction& tx, std::int64_t collection, const AnswerRow& answer);
void insert_audit_year(WriteTransaction& tx, std::int64_t collection, const AuditYearRow& audits);
void insert_finding(WriteTransaction& tx, std::int64_t collection, const std::string& kind, const std::string& detail);
std::optional<CountsRow> load_counts(Store& store, std::int64_t collection);
std::vector<MonthRow> load_months(Store& store, std::int64_t collection);
std::vector<AnswerRow> load_answers(Store& store, std::int64_t collection);
std::vector<AuditYearRow> load_audit_years(Store& store, std::int64_t collection);  ///< by year

/// What kind of SQLite file a copy is, read without the office's Store (which would migrate it).
struct Probe {
  int application_id = 0;
  std::int64_t user_version = 0;
  std::optional<std::string> problem;  ///< not SQLite, or corrupt
  bool not_sqlite = false;
};
Probe probe_file(const std::filesystem::path& path);

// --- an office file's journal (the private copy collection reads) ---
std::optional<Anchor> journal_head(Store& office);
/// The hash of record `seq`, nullopt when the file has no such record.
std::optional<std::string> journal_hash_at(Store& office, std::int64_t seq);
std::optional<std::string> first_journal_time(Store& office);
std::int64_t schema_version_of(Store& office);

}  // namespace imcomply::county_store
