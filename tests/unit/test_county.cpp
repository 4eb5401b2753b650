// county (spec §9): the rules an office is judged by, the year's unannounced audits (R4.2) held to
// it once the year is over, and a live database refused.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixture.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/county.hpp"
#include "imcomply/error.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/questions.hpp"

using namespace imcomply;
using namespace imcomply::test;

namespace {

constexpr std::chrono::milliseconds short_wait{1000};

/// A county supervising office 10008, its clock at `at`, with the config `toml`.
struct CountyDb {
  TempDir dir;
  std::filesystem::path db = dir.path / "county.db";
  Config config;
  std::optional<Store> store;
  Instant now;

  explicit CountyDb(std::string_view toml = "", std::string_view at = "2026-11-29T10:00")
      : config(parse_config(toml, "county.toml")), now(parse_time(at)) {
    county::init_county(db, short_wait, Actor{"clerk", "root"}, now,
                        county::InitRequest{"10000", "彰化縣政府民政處", "clerk", "林書記", std::nullopt});
    store.emplace(Store::open(db, short_wait, StoreKind::county));
    auto s = as();
    county::add_office(s, "10008", "彰化");
  }
  Session as() { return Session{*store, config, Actor{"clerk", "root"}, now}; }
  void at(std::string_view time) { now = parse_time(time); }
  county::OfficeStatus status_of_10008() {
    auto s = as();
    const auto rows = county::status(s, Month{2026, 10});
    const auto found = std::find_if(rows.begin(), rows.end(), [](const auto& o) { return o.code == "10008"; });
    REQUIRE(found != rows.end());
    return *found;
  }
};

/// Office 10008 with `audits` unannounced audits in 2026, backed up to a file the county collects.
std::filesystem::path office_file(OfficeDb& office, int audits) {
  auto s = office.as();
  grant_role(s, "chen", Role::auditor);
  for (int i = 0; i < audits; ++i) conduct_audit(s, Date{2026, 3 + 3 * i, 2}, {"chen"}, std::nullopt);
  const auto file = office.dir.path / "backup.db";
  backup(s, file, false);
  return file;
}

bool has_finding(const county::OfficeStatus& o, std::string_view text) {
  return std::any_of(o.findings.begin(), o.findings.end(),
                     [&](const std::string& f) { return f.find(text) != std::string::npos; });
}

std::optional<bool> item6(CountyDb& county, int year) {
  auto s = county.as();
  const auto sup = county::supervision(s, "10008", year);
  return sup.form.items[5].yes;
}

}  // namespace

TEST_CASE("county: a year's unannounced audits are shown while it runs and a finding once it is over") {
  OfficeDb office;
  const auto file = office_file(office, 1);
  CountyDb county;
  auto s = county.as();
  REQUIRE(county::collect(s, file).outcome == county::Outcome::verified);

  const auto during = county.status_of_10008();
  CHECK(during.audits_done == 1);
  CHECK(during.audits_required == 2);
  CHECK_FALSE(has_finding(during, "unannounced"));  // 2026 is not over: the office has December yet

  county.at("2027-01-05T09:00");
  const auto after = county.status_of_10008();
  CHECK(has_finding(after, "2026: 1 of 2 unannounced audits (R4.2)"));
  CHECK(after.severity >= 1);
  CHECK_FALSE(after.audits_done.has_value());  // the file holds no count of 2027
}

TEST_CASE("county: an office is judged by its [office.CODE] rules where the config has them, else by [rules]") {
  OfficeDb office;
  const auto file = office_file(office, 2);

  CountyDb plain;
  auto s = plain.as();
  REQUIRE(county::collect(s, file).outcome == county::Outcome::verified);
  CHECK(plain.status_of_10008().audits_required == 2);
  CHECK(item6(plain, 2026) == true);
  plain.at("2027-01-05T09:00");
  CHECK_FALSE(has_finding(plain.status_of_10008(), "unannounced"));

  CountyDb strict("[office.10008]\nunannounced_audits_per_year = 3\n");
  auto t = strict.as();
  REQUIRE(county::collect(t, file).outcome == county::Outcome::verified);
  CHECK(strict.status_of_10008().audits_required == 3);
  CHECK(item6(strict, 2026) == false);  // Annex 3 item 6 asked under the office's rules too
  strict.at("2027-01-05T09:00");
  CHECK(has_finding(strict.status_of_10008(), "2026: 2 of 3 unannounced audits"));
}

TEST_CASE("county: an [office.CODE] naming an office the county does not supervise is refused") {
  CountyDb county("[office.10099]\nunannounced_audits_per_year = 3\n");
  auto s = county.as();
  CHECK_THROWS_AS(county::status(s, Month{2026, 10}), RejectedInput);
  try {
    county::status(s, Month{2026, 10});
  } catch (const RejectedInput& e) {
    CHECK(std::string(e.what()).find("[office.10099] names an office the county has not registered") != std::string::npos);
  }
}

TEST_CASE("county: a live office database (transactions in its -wal) is refused, not recorded") {
  OfficeDb office;
  auto o = office.as();
  grant_role(o, "chen", Role::auditor);  // in the -wal while the office's store is open
  REQUIRE(std::filesystem::file_size(office.db.string() + "-wal") > 0);
  CountyDb county;
  auto s = county.as();
  const auto live = county::collect(s, office.db);
  CHECK(live.outcome == county::Outcome::not_office);
  CHECK(live.reason.find("has a live -wal beside it") != std::string::npos);
  CHECK(live.reason.find("acct backup") != std::string::npos);
  CHECK(live.sha256.empty());  // nothing recorded
  CHECK(has_finding(county.status_of_10008(), "no file collected"));
}

TEST_CASE("item 4 takes the verification its command already made (county collect verifies once)") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  const auto own = security_question(s, Period::of(2026), ChainCheck::recomputed).evidence;  // verified: intact
  CHECK(std::any_of(own.begin(), own.end(), [](const std::string& e) { return e.rfind("日誌雜湊鏈驗證通過", 0) == 0; }));
  auto again = office.as();
  Verification broken;
  broken.problems.push_back("journal record 1: as this command found it");
  again.verification = std::make_shared<const Verification>(broken);
  const Answer a = security_question(again, Period::of(2026), ChainCheck::recomputed);
  CHECK_FALSE(a.conforms);
  CHECK(std::find(a.evidence.begin(), a.evidence.end(), "日誌雜湊鏈驗證失敗：journal record 1: as this command found it") !=
        a.evidence.end());
}
