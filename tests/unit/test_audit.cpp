// R4.2–R4.5: the audit's drafts and reports, through the core's public API.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixture.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/error.hpp"
#include "imcomply/usage.hpp"

#include <fmt/format.h>

using namespace imcomply;
using test::OfficeDb;

namespace {

/// An office in November 2026 where wang, lin and kao logged sessions at the given times.
struct AuditOffice : OfficeDb {
  AuditOffice() : OfficeDb("2026-11-29T10:00") {
    active_user("wang", "王小明");
    active_user("lin", "林美麗");
    active_user("kao", "高志明");
    auto s = as();
    grant_role(s, "kao", Role::auditor);
  }
  void log(const std::string& login, const std::string& at) {
    auto s = as();
    add_entry(s, NewEntry{login, Item::entry_exit, "查核", std::nullopt, std::nullopt, parse_time(at),
                          Instant{parse_time(at).seconds + 300}});
  }
};

std::int64_t entries_of(const std::vector<ReportRow>& rows, const std::string& key) {
  const auto found = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.key == key; });
  return found == rows.end() ? 0 : found->entries;
}

}  // namespace

TEST_CASE("a report counts entries by user, hour and weekday in Taiwan time") {
  AuditOffice office;
  office.log("wang", "2026-11-02T09:10");  // Monday
  office.log("wang", "2026-11-02T16:30Z"); // Tuesday 00:30 in Taiwan
  office.log("lin", "2026-11-07T14:00");   // Saturday
  auto s = office.as();
  const auto by_user = usage_report(s, std::nullopt, std::nullopt, ReportBy::user);
  CHECK(entries_of(by_user, "wang") == 2);
  CHECK(entries_of(by_user, "lin") == 1);
  CHECK(std::find_if(by_user.begin(), by_user.end(), [](const auto& r) { return r.label == "王小明"; }) != by_user.end());
  const auto by_hour = usage_report(s, std::nullopt, std::nullopt, ReportBy::hour);
  CHECK(entries_of(by_hour, "00") == 1);
  CHECK(entries_of(by_hour, "09") == 1);
  const auto by_weekday = usage_report(s, std::nullopt, std::nullopt, ReportBy::weekday);
  CHECK(entries_of(by_weekday, "1 Mon") == 1);
  CHECK(entries_of(by_weekday, "2 Tue") == 1);
  CHECK(entries_of(by_weekday, "6 Sat") == 1);
  CHECK(usage_report(s, parse_date("2026-11-03"), parse_date("2026-11-30"), ReportBy::user).size() == 2);
}

TEST_CASE("a user far above the peers' median is an outlier") {
  AuditOffice office;
  for (int i = 0; i < 2; ++i) office.log("lin", fmt::format("2026-11-{:02}T10:00", 2 + i));
  for (int i = 0; i < 2; ++i) office.log("kao", fmt::format("2026-11-{:02}T11:00", 2 + i));
  for (int i = 0; i < 20; ++i) office.log("wang", fmt::format("2026-11-{:02}T09:{:02}", 2 + i % 10, i));
  auto s = office.as();
  const auto audit = monthly_audit(s, parse_month("2026-11"));
  CHECK(std::any_of(audit.outliers.begin(), audit.outliers.end(),
                    [](const std::string& o) { return o.find("王小明（wang）") != std::string::npos; }));
  CHECK_FALSE(std::any_of(audit.outliers.begin(), audit.outliers.end(),
                          [](const std::string& o) { return o.find("林美麗") != std::string::npos; }));
}

TEST_CASE("one person holding admin and auditor is a separation-of-duties finding") {
  AuditOffice office;
  auto s = office.as();
  CHECK(separation_findings(s).empty());
  grant_role(s, "chen", Role::auditor);
  const auto findings = separation_findings(s);
  CHECK(std::any_of(findings.begin(), findings.end(), [](const std::string& f) {
    return f.find("chen 同時具系統管理人員及稽核人員角色") != std::string::npos;
  }));
  // chen granting the role to themselves is a finding of its own (an admin's own account change).
  CHECK(std::any_of(findings.begin(), findings.end(),
                    [](const std::string& f) { return f.find("chen 自行登錄本人帳號之異動") != std::string::npos; }));
}

TEST_CASE("a change of one's own account that takes access away is no separation finding") {
  AuditOffice office;
  auto s = office.as();
  grant_role(s, "chen", Role::auditor);
  revoke_role(s, "chen", Role::auditor);  // chen records both on their own account
  const auto findings = separation_findings(s);
  CHECK(std::count_if(findings.begin(), findings.end(),
                      [](const std::string& f) { return f.find("chen 自行登錄本人帳號之異動（role granted") != std::string::npos; }) == 1);
  CHECK(std::none_of(findings.begin(), findings.end(),
                     [](const std::string& f) { return f.find("role revoked") != std::string::npos; }));
}

TEST_CASE("fewer unannounced audits than the rule asks is refused, and the draw is working days") {
  AuditOffice office;
  auto kao = office.as("kao");
  CHECK_THROWS_WITH_AS(plan_audits(kao, 2026, 1), doctest::Contains("R4.2"), RejectedInput);
  const auto dates = plan_audits(kao, 2027, 3);
  REQUIRE(dates.size() == 3);
  for (const Date d : dates) {
    CHECK(d.year == 2027);
    CHECK(weekday(d) != 0);
    CHECK(weekday(d) != 6);
  }
  auto wang = office.as("wang");
  CHECK_THROWS_AS(planned_audits(wang, 2027), NotPermitted);
  CHECK(planned_audits(kao, 2027).size() == 3);
}

TEST_CASE("Annex 3 answers 否 to item 6 until two unannounced audits are recorded") {
  AuditOffice office;
  auto kao = office.as("kao");
  CHECK_FALSE(supervision(kao, 2026).items[5].yes);
  conduct_audit(kao, parse_date("2026-03-10"), {"kao"}, std::nullopt);
  conduct_audit(kao, parse_date("2026-09-15"), {"kao", "chen"}, std::string("抽查"));
  CHECK(supervision(kao, 2026).items[5].yes);
  CHECK_THROWS_AS(supervision(kao, 26), RejectedInput);
}

TEST_CASE("a recorded judgement replaces the draft, and only an auditor records") {
  AuditOffice office;
  auto wang = office.as("wang");
  CHECK_THROWS_AS(record_audit(wang, parse_month("2026-11"), 1, Verdict::conform, "x"), NotPermitted);
  auto kao = office.as("kao");
  record_audit(kao, parse_month("2026-11"), 2, Verdict::nonconform, "終止逾期");
  const auto audit = monthly_audit(kao, parse_month("2026-11"));
  CHECK(audit.items[1].recorded == Verdict::nonconform);
  CHECK(audit.items[1].note == "終止逾期");
  CHECK_THROWS_AS(record_audit(kao, parse_month("2026-11"), 5, Verdict::conform, "x"), RejectedInput);
}
