#pragma once
// The optional TOML config (spec §1 "config"). Every number of the regulation is a setting whose
// default is the regulation's value; a value weaker than the regulation is rejected (R7).
#include <filesystem>
#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

namespace imcomply {

/// How the six days of R3.4 are counted.
enum class DeadlineCounting {
  calendar,         ///< end of day D + N, calendar days (the strictest reading of 六日內)
  admin_procedure,  ///< a deadline ending on a Saturday, Sunday or holiday moves to the next working day (APA art. 48)
};

struct Rules {
  int termination_days = 6;             ///< R3.4: terminate within six days of a duty change
  DeadlineCounting deadline_counting = DeadlineCounting::calendar;
  std::string holiday_calendar;         ///< file of holidays and make-up workdays, for admin-procedure
  int log_retention_years = 5;          ///< R4.1: keep the usage log at least five years
  int review_interval_months = 6;       ///< R4.4: review permissions every half year
  int unannounced_audits_per_year = 2;  ///< R4.2: at least two unannounced audits a year
  int max_session_minutes = 30;         ///< R3.3: log out after every query
  int destroy_within_days = 0;          ///< R3.7: unfiled data destroyed once used (end of the query day)
  int reconcile_tolerance_seconds = 60; ///< R4.3: clock drift allowed between the system log and the usage log
  int office_hours_start = 8;           ///< queries outside [start, end) o'clock are off-hours findings
  int office_hours_end = 18;
};

/// [import.system]: the header names of the system audit log's columns (稽核日誌).
struct SystemLogColumns {
  std::string time = "查詢時間";
  std::string account = "帳號";
  std::string item = "查詢項目";
  std::string subject = "查詢對象";
  std::string fields = "查詢欄位";
  std::string client = "來源IP";
};

/// [data]: the directories that may hold files registered for destruction (R3.7, `--file`);
/// none = every --file is refused. Absolute paths only, so cron reads them as the office does.
struct DataSettings {
  std::vector<std::filesystem::path> file_roots;
};

/// [access]: who may act --as someone else besides an administrator and root (spec §1 "actor").
struct AccessSettings {
  std::optional<std::string> service_user;  ///< the OS user cron runs as
};

/// [county]: the county's settings (spec §9).
struct CountySettings {
  int max_age_days = 35;  ///< an office whose last collected file is older is a finding (monthly files)
};

struct Config {
  std::optional<std::string> db;  ///< `db` key: the database path, below --db and $IMCOMPLY_DB
  /// `subject_key`: the file of the key that hashes subjects (audit import); by default the
  /// database's path + ".key". The central store has no file beside it, so there it must be set.
  std::optional<std::string> subject_key;
  Rules rules;
  SystemLogColumns system_columns;
  /// [necessity]: for each item (entry-exit, mainland, foreigner), the fields its purpose needs
  /// (R4.3); fields beyond them are findings. An item not listed has no limit.
  std::map<std::string, std::vector<std::string>> necessity;
  DataSettings data;
  AccessSettings access;
  CountySettings county;
  /// [office.CODE] (county(1)): the rules an office the county supervises is judged by, where they
  /// differ from [rules]: the keys of [rules], each over the county's value, with the same floors.
  std::map<std::string, Rules> office_rules;
  std::filesystem::path source;   ///< the file read, empty when none
};

/// The config file in force: --config, else $IMCOMPLY_CONFIG, else ./imcomply.toml if present.
std::optional<std::filesystem::path> find_config(const std::optional<std::string>& flag);

/// The rules the office `code` is judged by: its [office.CODE] table if the config has one, else [rules].
const Rules& rules_for_office(const Config& config, const std::string& code);

/// Reads and checks a config file; a missing file, bad TOML, an unknown key or a value weaker than
/// the regulation throws RejectedInput quoting the clause.
Config load_config(const std::filesystem::path& path);

/// The same from text (`source_name` appears in messages).
Config parse_config(std::string_view toml_text, std::string_view source_name);

}  // namespace imcomply
