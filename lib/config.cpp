#include "imcomply/config.hpp"
#include "imcomply/install.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "imcomply/error.hpp"

namespace imcomply {
namespace {

/// One integer setting: its key, where it lives, and the regulation's bound.
struct IntRule {
  std::string_view key;
  int Rules::*field;
  int min;
  int max;
  std::string_view clause;  ///< quoted when a value is outside [min, max]
  enum { no_side, floor, ceiling } regulation = no_side;  ///< which bound is the regulation's
};

// R7: the regulation's numbers are floors ("at least") or ceilings ("within").
constexpr IntRule int_rules[] = {
    {"termination_days", &Rules::termination_days, 0, 6,
     "R3.4: accounts must be terminated within six days (六日內) of a duty change", IntRule::ceiling},
    {"log_retention_years", &Rules::log_retention_years, 5, 100,
     "R4.1: the usage log must be kept at least five years (至少五年)", IntRule::floor},
    {"review_interval_months", &Rules::review_interval_months, 1, 6,
     "R4.4: permissions must be reviewed every half year (每半年)", IntRule::ceiling},
    {"unannounced_audits_per_year", &Rules::unannounced_audits_per_year, 2, 52,
     "R4.2: at least two unannounced audits a year (每年至少二次)", IntRule::floor},
    {"max_session_minutes", &Rules::max_session_minutes, 1, 24 * 60,
     "R3.3: users log out after every query"},
    {"destroy_within_days", &Rules::destroy_within_days, 0, 366,
     "R3.7: unfiled data is destroyed once it has been used"},
    {"reconcile_tolerance_seconds", &Rules::reconcile_tolerance_seconds, 0, 3600,
     "R4.3: the system log is reconciled with the usage log"},
    {"office_hours_start", &Rules::office_hours_start, 0, 23, "office hours are whole hours of the day"},
    {"office_hours_end", &Rules::office_hours_end, 1, 24, "office hours are whole hours of the day"},
};

/// A message on one line: control characters (from a quoted key or toml++'s description) become spaces.
std::string one_line(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

[[noreturn]] void reject(std::string_view source, const toml::source_region& where,
                         const std::string& what_raw, std::string hint = {}) {
  const std::string what = one_line(what_raw);
  if (where.begin.line > 0)
    throw RejectedInput(fmt::format("{}:{}: {}", source, where.begin.line, what), std::move(hint));
  throw RejectedInput(fmt::format("{}: {}", source, what), std::move(hint));
}

/// `table` names the table in messages: "rules", or "office.CODE" for an office's rules in a county config.
void read_rules(const toml::table& rules_table, Rules& rules, std::string_view source, std::string_view table) {
  for (const auto& [key, node] : rules_table) {
    const std::string_view name = key.str();
    if (name == "deadline_counting") {
      const auto value = node.value<std::string>();
      if (value == "calendar")
        rules.deadline_counting = DeadlineCounting::calendar;
      else if (value == "admin-procedure")
        rules.deadline_counting = DeadlineCounting::admin_procedure;
      else
        reject(source, node.source(), fmt::format("{}.deadline_counting must be \"calendar\" or \"admin-procedure\"", table));
      continue;
    }
    if (name == "holiday_calendar") {
      const auto value = node.value<std::string>();
      if (!value) reject(source, node.source(), fmt::format("{}.holiday_calendar must be a file path (a string)", table));
      // A relative calendar path is read beside the config file.
      const std::filesystem::path calendar(*value), config_file(source);
      rules.holiday_calendar =
          calendar.is_relative() && config_file.has_parent_path() ? (config_file.parent_path() / calendar).string() : *value;
      continue;
    }
    const IntRule* rule = nullptr;
    for (const auto& candidate : int_rules)
      if (candidate.key == name) rule = &candidate;
    if (!rule) reject(source, key.source(), fmt::format("unknown setting {}.{}", table, name));
    const auto value = node.value_exact<std::int64_t>();
    if (!value) reject(source, node.source(), fmt::format("{}.{} must be a whole number", table, name));
    if (*value < rule->min || *value > rule->max)
      reject(source, node.source(),
             (rule->regulation == IntRule::floor && *value < rule->min) ||
                     (rule->regulation == IntRule::ceiling && *value > rule->max)
                 ? fmt::format("{}.{} = {} is weaker than the regulation allows ({})", table, name, *value, rule->clause)
                 : fmt::format("{}.{} = {} is out of range ({})", table, name, *value, rule->clause),
             fmt::format("use a value from {} to {}", rule->min, rule->max));
    rules.*(rule->field) = static_cast<int>(*value);
  }
}

void read_system_columns(const toml::table& table, SystemLogColumns& columns, std::string_view source) {
  static const std::pair<std::string_view, std::string SystemLogColumns::*> keys[] = {
      {"time", &SystemLogColumns::time},       {"account", &SystemLogColumns::account},
      {"item", &SystemLogColumns::item},       {"subject", &SystemLogColumns::subject},
      {"fields", &SystemLogColumns::fields},   {"client", &SystemLogColumns::client},
  };
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();  // a named copy: clang 14 cannot capture a structured binding
    const auto found = std::find_if(std::begin(keys), std::end(keys), [&](const auto& k) { return k.first == name; });
    if (found == std::end(keys))
      reject(source, key.source(), fmt::format("unknown setting import.system.{} (use time, account, item, subject, "
                                               "fields, client)", key.str()));
    const auto value = node.value<std::string>();
    if (!value || value->empty())
      reject(source, node.source(), fmt::format("import.system.{} must be a column name (a string)", key.str()));
    columns.*(found->second) = *value;
  }
}

void read_necessity(const toml::table& table, std::map<std::string, std::vector<std::string>>& necessity,
                    std::string_view source) {
  for (const auto& [key, node] : table) {
    const std::string_view item = key.str();
    if (item != "entry-exit" && item != "mainland" && item != "foreigner")
      reject(source, key.source(), fmt::format("unknown item necessity.{} (use entry-exit, mainland, foreigner)", item));
    const auto* list = node.as_array();
    if (!list) reject(source, node.source(), fmt::format("necessity.{} must be a list of field names", item));
    auto& fields = necessity[std::string(item)];
    for (const auto& field : *list) {
      const auto name = field.value<std::string>();
      if (!name) reject(source, field.source(), fmt::format("necessity.{} must list field names (strings)", item));
      fields.push_back(*name);
    }
  }
}

void read_data(const toml::table& table, DataSettings& data, std::string_view source) {
  for (const auto& [key, node] : table) {
    if (key.str() != "file_roots")
      reject(source, key.source(), fmt::format("unknown setting data.{} (use file_roots)", key.str()));
    const auto* list = node.as_array();
    if (!list) reject(source, node.source(), "data.file_roots must be a list of directories");
    for (const auto& root : *list) {
      const auto path = root.value<std::string>();
      if (!path || !std::filesystem::path(*path).is_absolute())
        reject(source, root.source(), "data.file_roots must list absolute directory paths (strings)");
      data.file_roots.emplace_back(*path);
    }
  }
}

void read_access(const toml::table& table, AccessSettings& access, std::string_view source) {
  for (const auto& [key, node] : table) {
    if (key.str() != "service_user")
      reject(source, key.source(), fmt::format("unknown setting access.{} (use service_user)", key.str()));
    const auto name = node.value<std::string>();
    if (!name || name->empty()) reject(source, node.source(), "access.service_user must be an OS user name (a string)");
    access.service_user = *name;
  }
}

void read_county(const toml::table& table, CountySettings& county, std::string_view source) {
  for (const auto& [key, node] : table) {
    if (key.str() != "max_age_days")
      reject(source, key.source(), fmt::format("unknown setting county.{} (use max_age_days)", key.str()));
    const auto days = node.value<std::int64_t>();
    if (!days || *days < 1 || *days > 3660)
      reject(source, node.source(), "county.max_age_days must be a whole number of days from 1 to 3660");
    county.max_age_days = static_cast<int>(*days);
  }
}

/// What a table of rules needs as a whole, once read. `table` is "rules" or "office.CODE".
void check_rules(const Rules& rules, const std::filesystem::path& source, std::string_view table) {
  if (rules.deadline_counting == DeadlineCounting::admin_procedure && rules.holiday_calendar.empty())
    throw RejectedInput(fmt::format("{}: {}.deadline_counting = \"admin-procedure\" needs {}.holiday_calendar",
                                    source.string(), table, table),
                        "name a holiday calendar file (see examples/holidays.txt)");
  if (rules.office_hours_start >= rules.office_hours_end)
    throw RejectedInput(fmt::format("{}: {}.office_hours_start must come before {}.office_hours_end", source.string(),
                                    table, table));
}

}  // namespace

std::optional<std::filesystem::path> find_config(const std::optional<std::string>& flag) {
  if (flag) return std::filesystem::path(*flag);
  if (const char* env = environment("IMCOMPLY_CONFIG"); env && *env) return std::filesystem::path(env);
  std::error_code ignored;
  // A setgid install reads the service directory's config, never one that the caller's cwd offers.
  if (setgid_install()) {
    const auto installed = service_dir() / "imcomply.toml";
    if (std::filesystem::exists(installed, ignored)) return installed;
    return std::nullopt;
  }
  if (std::filesystem::exists("imcomply.toml", ignored)) return std::filesystem::path("imcomply.toml");
  return std::nullopt;
}

Config parse_config(std::string_view toml_text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    reject(source_name, e.source(), fmt::format("not valid TOML: {}", e.description()));
  }
  Config config;
  config.source = std::filesystem::path(source_name);
  const toml::table* offices = nullptr;
  for (const auto& [key, node] : root) {
    const std::string_view name = key.str();
    if (name == "db") {
      const auto value = node.value<std::string>();
      if (!value) reject(source_name, node.source(), "db must be a file path (a string)");
      config.db = *value;
    } else if (name == "subject_key") {
      const auto value = node.value<std::string>();
      if (!value || value->empty()) reject(source_name, node.source(), "subject_key must be a file path (a string)");
      config.subject_key = *value;
    } else if (name == "rules") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[rules] must be a table");
      read_rules(*table, config.rules, source_name, "rules");
    } else if (name == "import") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[import] must be a table");
      for (const auto& [sub, subnode] : *table) {
        if (sub.str() != "system" || !subnode.as_table())
          reject(source_name, sub.source(), fmt::format("unknown setting import.{} (use [import.system])", sub.str()));
        read_system_columns(*subnode.as_table(), config.system_columns, source_name);
      }
    } else if (name == "necessity") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[necessity] must be a table");
      read_necessity(*table, config.necessity, source_name);
    } else if (name == "data") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[data] must be a table");
      read_data(*table, config.data, source_name);
    } else if (name == "access") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[access] must be a table");
      read_access(*table, config.access, source_name);
    } else if (name == "office") {
      offices = node.as_table();
      if (!offices) reject(source_name, node.source(), "[office] must hold tables [office.CODE]");
    } else if (name == "county") {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[county] must be a table");
      read_county(*table, config.county, source_name);
    } else {
      reject(source_name, key.source(), fmt::format("unknown setting {}", name));
    }
  }
  check_rules(config.rules, config.source, "rules");
  // [office.CODE] after [rules] whatever their order in the file: each starts from the county's rules.
  if (offices) {
    for (const auto& [code, node] : *offices) {
      const auto* table = node.as_table();
      if (!table) reject(source_name, node.source(), "[office.CODE] must be a table of rules named by an office's code");
      const bool bad_code = code.str().empty() || std::any_of(code.str().begin(), code.str().end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f || c == ' ' || c == ',';
      });
      if (bad_code)
        reject(source_name, code.source(), "[office.CODE]: an office code may not be empty or hold spaces, commas or "
                                           "control characters");
      const std::string name = fmt::format("office.{}", code.str());
      Rules rules = config.rules;
      read_rules(*table, rules, source_name, name);
      check_rules(rules, config.source, name);
      config.office_rules.emplace(std::string(code.str()), std::move(rules));
    }
  }
  return config;
}

const Rules& rules_for_office(const Config& config, const std::string& code) {
  const auto found = config.office_rules.find(code);
  return found == config.office_rules.end() ? config.rules : found->second;
}

Config load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RejectedInput(fmt::format("cannot read the config file {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace imcomply
