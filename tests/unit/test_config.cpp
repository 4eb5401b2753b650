// spec §1 "config" and R7: every number a setting, never weaker than the regulation.
#include <doctest/doctest.h>

#include "imcomply/config.hpp"
#include "imcomply/error.hpp"

using namespace imcomply;

namespace {

std::string rejection(std::string_view text) {
  try {
    parse_config(text, "test.toml");
  } catch (const RejectedInput& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an empty config takes the regulation's numbers") {
  const Config c = parse_config("", "test.toml");
  CHECK(c.rules.termination_days == 6);
  CHECK(c.rules.log_retention_years == 5);
  CHECK(c.rules.review_interval_months == 6);
  CHECK(c.rules.unannounced_audits_per_year == 2);
  CHECK(c.rules.max_session_minutes == 30);
  CHECK(c.rules.deadline_counting == DeadlineCounting::calendar);
  CHECK_FALSE(c.db.has_value());
}

TEST_CASE("stricter values are accepted") {
  const Config c = parse_config("db = \"x.db\"\n[rules]\ntermination_days = 3\nlog_retention_years = 7\n"
                                "review_interval_months = 3\nunannounced_audits_per_year = 4\n",
                                "test.toml");
  CHECK(c.rules.termination_days == 3);
  CHECK(c.rules.log_retention_years == 7);
  CHECK(c.rules.review_interval_months == 3);
  CHECK(c.rules.unannounced_audits_per_year == 4);
  CHECK(c.db == "x.db");
}

TEST_CASE("a termination deadline beyond six days is rejected quoting R3.4") {
  CHECK(rejection("[rules]\ntermination_days = 7\n").find("R3.4") != std::string::npos);
}

TEST_CASE("a retention below five years is rejected quoting R4.1") {
  const auto message = rejection("[rules]\nlog_retention_years = 4\n");
  CHECK(message.find("R4.1") != std::string::npos);
  CHECK(message.find("test.toml:2") == 0);
}

TEST_CASE("a review interval beyond six months is rejected quoting R4.4") {
  CHECK(rejection("[rules]\nreview_interval_months = 12\n").find("R4.4") != std::string::npos);
}

TEST_CASE("fewer than two unannounced audits a year is rejected quoting R4.2") {
  CHECK(rejection("[rules]\nunannounced_audits_per_year = 1\n").find("R4.2") != std::string::npos);
}

TEST_CASE("unknown keys are an error, not ignored") {
  CHECK(rejection("[rules]\ntermination_dayz = 6\n").find("unknown setting rules.termination_dayz") != std::string::npos);
  CHECK(rejection("colour = \"red\"\n").find("unknown setting colour") != std::string::npos);
}

TEST_CASE("a number given as text is rejected") {
  CHECK(rejection("[rules]\ntermination_days = \"6\"\n").find("whole number") != std::string::npos);
}

TEST_CASE("broken TOML is rejected with its line") {
  CHECK(rejection("[rules\n").find("not valid TOML") != std::string::npos);
}

TEST_CASE("admin-procedure counting needs a holiday calendar, read beside the config") {
  CHECK(rejection("[rules]\ndeadline_counting = \"admin-procedure\"\n").find("holiday_calendar") != std::string::npos);
  const Config c = parse_config("[rules]\ndeadline_counting = \"admin-procedure\"\nholiday_calendar = \"h.txt\"\n",
                                "/etc/imcomply/imcomply.toml");
  CHECK(c.rules.deadline_counting == DeadlineCounting::admin_procedure);
  CHECK(c.rules.holiday_calendar == "/etc/imcomply/h.txt");
}

TEST_CASE("an unknown deadline counting is rejected") {
  CHECK(rejection("[rules]\ndeadline_counting = \"lenient\"\n").find("admin-procedure") != std::string::npos);
}

TEST_CASE("the system log's columns and the necessity of fields are settings") {
  const Config c = parse_config("[import.system]\ntime = \"Time\"\naccount = \"User\"\n"
                                "[necessity]\nentry-exit = [\"姓名\", \"入出境日期\"]\n",
                                "test.toml");
  CHECK(c.system_columns.time == "Time");
  CHECK(c.system_columns.account == "User");
  CHECK(c.system_columns.subject == "查詢對象");
  CHECK(c.necessity.at("entry-exit") == std::vector<std::string>{"姓名", "入出境日期"});
  CHECK(rejection("[import.system]\nsubjct = \"x\"\n").find("import.system.subjct") != std::string::npos);
  CHECK(rejection("[necessity]\npassports = []\n").find("necessity.passports") != std::string::npos);
}

TEST_CASE("config errors stay on one line whatever the key or value holds") {
  const auto message = rejection("\"unknown\\nkey\\u001b\" = 1\n");
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.find('\x1b') == std::string::npos);
}

TEST_CASE("a value stricter than the regulation but out of range is not called weaker") {
  const auto message = rejection("[rules]\ntermination_days = -1\n");
  CHECK(message.find("out of range") != std::string::npos);
  CHECK(message.find("weaker") == std::string::npos);
}

TEST_CASE("[data] file_roots lists absolute directories") {
  const Config c = parse_config("[data]\nfile_roots = [\"/srv/imcomply/files\", \"/srv/scans\"]\n", "test.toml");
  REQUIRE(c.data.file_roots.size() == 2);
  CHECK(c.data.file_roots[0] == "/srv/imcomply/files");
  CHECK(parse_config("", "test.toml").data.file_roots.empty());
  CHECK(rejection("[data]\nfile_roots = [\"files\"]\n").find("absolute") != std::string::npos);
  CHECK(rejection("[data]\nfile_roots = \"/srv\"\n").find("list") != std::string::npos);
  CHECK(rejection("[data]\nroots = [\"/srv\"]\n").find("unknown setting data.roots") != std::string::npos);
}

TEST_CASE("[access] names the service user that may act --as an administrator") {
  CHECK_FALSE(parse_config("", "t.toml").access.service_user);
  CHECK(parse_config("[access]\nservice_user = \"imcomply\"\n", "t.toml").access.service_user == "imcomply");
  CHECK_THROWS_AS(parse_config("[access]\nservice_user = \"\"\n", "t.toml"), RejectedInput);
  CHECK_THROWS_AS(parse_config("[access]\nadmins = [\"eve\"]\n", "t.toml"), RejectedInput);
}

TEST_CASE("[county] max_age_days: default 35, a whole number of days, no other key") {
  CHECK(parse_config("", "t.toml").county.max_age_days == 35);
  CHECK(parse_config("[county]\nmax_age_days = 40\n", "t.toml").county.max_age_days == 40);
  CHECK_THROWS_AS(parse_config("[county]\nmax_age_days = 0\n", "t.toml"), RejectedInput);
  CHECK_THROWS_AS(parse_config("[county]\nmax_age = 10\n", "t.toml"), RejectedInput);
}

TEST_CASE("[office.CODE]: an office's rules in a county's config, each over [rules], with the same floors") {
  const Config c = parse_config("[office.10008]\noffice_hours_end = 20\n[rules]\nunannounced_audits_per_year = 3\n",
                                "county.toml");
  const Rules& own = rules_for_office(c, "10008");
  CHECK(own.office_hours_end == 20);
  CHECK(own.unannounced_audits_per_year == 3);  // the county's value, though [rules] comes after in the file
  CHECK(rules_for_office(c, "10009").office_hours_end == 18);
  CHECK(rules_for_office(c, "10009").unannounced_audits_per_year == 3);
  CHECK(parse_config("", "county.toml").office_rules.empty());

  const auto weaker = rejection("[office.10008]\nunannounced_audits_per_year = 1\n");
  CHECK(weaker.find("office.10008.unannounced_audits_per_year = 1 is weaker than the regulation allows") != std::string::npos);
  CHECK(weaker.find("R4.2") != std::string::npos);
  CHECK(rejection("[office.10008]\nmax_age_days = 10\n").find("unknown setting office.10008.max_age_days") !=
        std::string::npos);
  CHECK(rejection("[office]\n10008 = 3\n").find("[office.CODE] must be a table") != std::string::npos);
  CHECK(rejection("[office.\"a b\"]\ntermination_days = 5\n").find("office code may not") != std::string::npos);
  CHECK(rejection("[office.10008]\noffice_hours_start = 20\n").find("office.10008.office_hours_start must come before") !=
        std::string::npos);
}
