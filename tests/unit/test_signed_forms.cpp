// Issue 11 items 3 and 4 at the core: a signed sheet is frozen (spec §4), and a termination ends
// an account at the moment it was recorded.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/usage.hpp"

using namespace imcomply;

namespace {

NewEntry session_of(const std::string& login, std::string_view from, std::string_view to) {
  return NewEntry{login, Item::entry_exit, "查核", std::nullopt, std::nullopt, parse_time(from), parse_time(to)};
}

}  // namespace

TEST_CASE("a termination recorded at 10:00 ends the account for a session at 15:00 the same day") {
  test::OfficeDb office("2026-11-20T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  terminate(s, "wang", TerminationReason::request, std::nullopt);
  const auto history = account_history(s, "wang");
  CHECK_FALSE(history.active_at(parse_time("2026-11-20T15:00")));
  CHECK_FALSE(history.active_at(parse_time("2026-11-20T10:00")));
  CHECK(history.active_at(parse_time("2026-11-20T09:59")));  // began before it was recorded
  office.at("2026-11-20T15:00");
  auto later = office.as();
  CHECK_THROWS_AS(add_entry(later, session_of("wang", "2026-11-20T14:00", "2026-11-20T14:05")), RejectedInput);
  CHECK(add_entry(later, session_of("wang", "2026-11-20T09:00", "2026-11-20T09:05")) > 0);
}

TEST_CASE("a termination dated back ends the account after its day, whenever it was recorded") {
  test::OfficeDb office("2026-11-20T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  terminate(s, "wang", TerminationReason::request, parse_date("2026-11-18"));
  const auto history = account_history(s, "wang");
  CHECK(history.active_at(parse_time("2026-11-18T15:00")));
  CHECK_FALSE(history.active_at(parse_time("2026-11-19T09:00")));
}

TEST_CASE("one sign-off freezes the month's sheet") {
  test::OfficeDb office("2026-11-20T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  grant_role(s, "chen", Role::officer);
  sign_sheet(s, Month{2026, 11}, SheetRole::officer);
  CHECK_THROWS_AS(add_entry(s, session_of("wang", "2026-11-10T09:00", "2026-11-10T09:05")), RejectedInput);
  CHECK_THROWS_WITH_AS(add_entry(s, session_of("wang", "2026-11-10T09:00", "2026-11-10T09:05")),
                       doctest::Contains("(officer chen"), RejectedInput);  // naming the sign-off
}

TEST_CASE("a change after signing makes the earlier sign-offs stale until they sign again") {
  test::OfficeDb office("2026-11-20T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  grant_role(s, "chen", Role::officer);
  sign_sheet(s, Month{2026, 11}, SheetRole::officer);
  CHECK_THROWS_AS(sign_sheet(s, Month{2026, 11}, SheetRole::officer), RejectedInput);  // current: once
  add_entry(s, session_of("wang", "2026-11-10T09:00", "2026-11-10T09:05"), AfterSigning{"紙本補登"});
  auto sheet = usage_sheet(s, Month{2026, 11});
  REQUIRE(sheet.after_signing.size() == 1);
  CHECK(sheet.after_signing[0].reason == "紙本補登");
  REQUIRE(sheet.signoffs.size() == 1);
  CHECK(sheet.signoffs[0].stale);
  sign_sheet(s, Month{2026, 11}, SheetRole::officer);
  sheet = usage_sheet(s, Month{2026, 11});
  CHECK(sheet.after_signing.empty());
  CHECK_FALSE(sheet.signoffs[0].stale);
}

TEST_CASE("an empty reason after signing is refused") {
  test::OfficeDb office("2026-11-20T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  grant_role(s, "chen", Role::officer);
  sign_sheet(s, Month{2026, 11}, SheetRole::officer);
  CHECK_THROWS_AS(add_entry(s, session_of("wang", "2026-11-10T09:00", "2026-11-10T09:05"), AfterSigning{"  "}),
                  RejectedInput);
}
