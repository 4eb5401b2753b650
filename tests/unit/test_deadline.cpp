// R3.4: terminate within six days of a duty change, in Taiwan time.
#include <doctest/doctest.h>

#include "imcomply/deadline.hpp"
#include "imcomply/error.hpp"

using namespace imcomply;

namespace {

Date d(std::string_view text) { return parse_date(text); }
Instant t(std::string_view text) { return parse_time(text); }

Rules admin_procedure() {
  Rules rules;
  rules.deadline_counting = DeadlineCounting::admin_procedure;
  return rules;
}

}  // namespace

TEST_CASE("the deadline is day D+6, the day of the change not counted") {
  CHECK(termination_deadline(d("2026-11-20"), Rules{}, {}) == d("2026-11-26"));
}

TEST_CASE("calendar counting keeps a deadline that falls on a Sunday") {
  CHECK(termination_deadline(d("2026-11-23"), Rules{}, {}) == d("2026-11-29"));  // a Sunday
}

TEST_CASE("a stricter setting shortens the deadline") {
  Rules rules;
  rules.termination_days = 3;
  CHECK(termination_deadline(d("2026-11-20"), rules, {}) == d("2026-11-23"));
}

TEST_CASE("admin-procedure moves a Saturday or Sunday deadline to Monday") {
  CHECK(termination_deadline(d("2026-11-22"), admin_procedure(), {}) == d("2026-11-30"));  // Sat 28 → Mon 30
  CHECK(termination_deadline(d("2026-11-23"), admin_procedure(), {}) == d("2026-11-30"));  // Sun 29 → Mon 30
}

TEST_CASE("admin-procedure skips holidays after the weekend") {
  const auto calendar = parse_holiday_calendar("2026-10-12 holiday made-up\n", "h.txt");
  // D = 2026-10-04 → D+6 = Sat 10-10 → Sun 11 → Mon 12 (holiday) → Tue 13
  CHECK(termination_deadline(d("2026-10-04"), admin_procedure(), calendar) == d("2026-10-13"));
}

TEST_CASE("a calendar line without holiday or workday is rejected, so a typo cannot add a day off") {
  CHECK_THROWS_WITH_AS(parse_holiday_calendar("2026-02-20 vacation day\n", "h.txt"), doctest::Contains("h.txt:1:"),
                       RejectedInput);
}

TEST_CASE("admin-procedure keeps a make-up working Saturday") {
  const auto calendar = parse_holiday_calendar("# make-up day\n2026-11-28 workday\n", "h.txt");
  CHECK(termination_deadline(d("2026-11-22"), admin_procedure(), calendar) == d("2026-11-28"));
}

TEST_CASE("holiday calendars read every date form and reject a bad line with its number") {
  const auto calendar = parse_holiday_calendar("115/10/10 holiday 國慶日\n\n1150101 holiday\n", "h.txt");
  CHECK(calendar.holidays.size() == 2);
  CHECK_THROWS_WITH_AS(parse_holiday_calendar("2026-01-01 holiday\n2026-02-30 holiday\n", "h.txt"),
                       doctest::Contains("h.txt:2:"), RejectedInput);
}

TEST_CASE("overdue only once the deadline day has ended in Taiwan") {
  const Date deadline = d("2026-11-26");
  CHECK_FALSE(is_overdue(deadline, t("2026-11-26T23:59:00+08:00")));
  CHECK(is_overdue(deadline, t("2026-11-27T00:00:00+08:00")));
  // 15:59 UTC is 23:59 in Taiwan; 16:00 UTC is the next day there.
  CHECK_FALSE(is_overdue(deadline, t("2026-11-26T15:59:59Z")));
  CHECK(is_overdue(deadline, t("2026-11-26T16:00:00Z")));
}

TEST_CASE("a termination after the deadline is late by the days past it") {
  CHECK(late_days(d("2026-11-26"), d("2026-11-26")) == 0);
  CHECK(late_days(d("2026-11-26"), d("2026-11-20")) == 0);
  CHECK(late_days(d("2026-11-26"), d("2026-11-29")) == 3);
}

TEST_CASE("admin-procedure warns of a deadline in a year the calendar does not cover, naming it") {
  const auto calendar = parse_holiday_calendar("2026-10-10 holiday\n", "/etc/imcomply/holidays.txt");
  // D = 2026-12-26 → D+6 = Fri 2027-01-01: 2027's holidays (New Year's Day among them) are unknown.
  const Date deadline = termination_deadline(d("2026-12-26"), admin_procedure(), calendar);
  CHECK(deadline == d("2027-01-01"));
  const auto warnings = calendar_gaps(d("2026-12-26"), deadline, admin_procedure(), calendar);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("/etc/imcomply/holidays.txt does not cover 2027") != std::string::npos);
  CHECK(calendar_gaps(d("2026-11-20"), d("2026-11-26"), admin_procedure(), calendar).empty());
  CHECK(calendar_gaps(d("2026-12-26"), deadline, Rules{}, calendar).empty());  // calendar days need no calendar
}
