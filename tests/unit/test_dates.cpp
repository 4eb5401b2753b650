#include "imcomply/dates.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "imcomply/error.hpp"

using namespace imcomply;

namespace imcomply {
static doctest::String toString(const Date& d) { return format_date(d).c_str(); }
static doctest::String toString(const Instant& t) { return format_time(t).c_str(); }
}  // namespace imcomply

namespace {

// 2026-11-29T06:30:00Z, i.e. 14:30 that day in Taiwan.
constexpr Instant half_past_two_taiwan{1795933800};

/// Sets an environment variable for one test, and puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1); else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1); else unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

/// The message parse_date gives for text, or "" if it accepts it.
std::string date_error(const char* text) {
  try {
    parse_date(text);
  } catch (const RejectedInput& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// --- dates in -------------------------------------------------------------------------------

TEST_CASE("ISO dates with dashes read as Gregorian") { CHECK(parse_date("2026-11-29") == Date{2026, 11, 29}); }

TEST_CASE("ISO dates with slashes read as Gregorian") { CHECK(parse_date("2026/11/29") == Date{2026, 11, 29}); }

TEST_CASE("ROC dates with slashes, dashes or dots add 1911 to the year") {
  CHECK(parse_date("115/11/29") == Date{2026, 11, 29});
  CHECK(parse_date("115-11-29") == Date{2026, 11, 29});
  CHECK(parse_date("115.11.29") == Date{2026, 11, 29});
}

TEST_CASE("seven-digit ROC dates read as ROC years") { CHECK(parse_date("1151129") == Date{2026, 11, 29}); }

TEST_CASE("seven-digit ROC dates zero-pad years below 100") { CHECK(parse_date("0881231") == Date{1999, 12, 31}); }

TEST_CASE("ROC dates in 年月日 form read as ROC years") { CHECK(parse_date("115年11月29日") == Date{2026, 11, 29}); }

TEST_CASE("ROC dates in 年月日 form may start with 民國") {
  CHECK(parse_date("民國115年11月29日") == Date{2026, 11, 29});
}

TEST_CASE("month and day may be one digit in the separated forms") {
  CHECK(parse_date("115/1/5") == Date{2026, 1, 5});
  CHECK(parse_date("2026-1-5") == Date{2026, 1, 5});
  CHECK(parse_date("115年1月5日") == Date{2026, 1, 5});
}

TEST_CASE("surrounding whitespace is trimmed") { CHECK(parse_date(" \t2026-11-29\r\n") == Date{2026, 11, 29}); }

TEST_CASE("ROC year 1 is 1912") {
  CHECK(parse_date("1/01/01") == Date{1912, 1, 1});
  CHECK(parse_date("0010101") == Date{1912, 1, 1});
}

TEST_CASE("29 February is a date in a leap year") { CHECK(parse_date("2024-02-29") == Date{2024, 2, 29}); }

// --- dates rejected ---------------------------------------------------------------------------

TEST_CASE("days that do not exist are rejected") {
  CHECK_THROWS_AS(parse_date("2025-02-29"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115/02/30"), RejectedInput);
  CHECK_THROWS_AS(parse_date("2026-04-31"), RejectedInput);
  CHECK_THROWS_AS(parse_date("2026-11-00"), RejectedInput);
}

TEST_CASE("month 13 and month 0 are rejected") {
  CHECK_THROWS_AS(parse_date("2026-13-01"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115/00/01"), RejectedInput);
}

TEST_CASE("ROC year 0 is rejected") {
  CHECK_THROWS_AS(parse_date("0/01/01"), RejectedInput);
  CHECK_THROWS_AS(parse_date("0000101"), RejectedInput);
}

TEST_CASE("years before 1912 or after 2910 (ROC 999, the last with three digits) are rejected") {
  CHECK_THROWS_AS(parse_date("1911-12-31"), RejectedInput);
  CHECK_THROWS_AS(parse_date("2911-01-01"), RejectedInput);  // ROC 1000 would print as a Gregorian year
  CHECK_THROWS_AS(parse_date("4000-01-01"), RejectedInput);
  CHECK(parse_date("2910-12-31") == Date{2910, 12, 31});
}

TEST_CASE("an offset that moves a time outside the calendar's range is rejected") {
  CHECK_THROWS_AS(parse_time("1912-01-01T00:00+09:00"), RejectedInput);  // 1911-12-31 in Taiwan
  CHECK_THROWS_AS(parse_time("2910-12-31T23:59-01:00"), RejectedInput);
}

TEST_CASE("a rejected text of continuation bytes alone is cut short in the message") {
  try {
    parse_date(std::string(50, '\x80'));
    FAIL("accepted");
  } catch (const RejectedInput& e) {
    CHECK(std::string(e.what()).size() < 120);
  }
}

TEST_CASE("trailing junk is rejected") {
  CHECK_THROWS_AS(parse_date("2026-11-29x"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115/11/29 日"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115年11月29"), RejectedInput);
}

TEST_CASE("empty or blank text is not a date") {
  CHECK_THROWS_AS(parse_date(""), RejectedInput);
  CHECK_THROWS_AS(parse_date("   "), RejectedInput);
}

TEST_CASE("eight-digit dates are rejected as ambiguous") { CHECK_THROWS_AS(parse_date("20261129"), RejectedInput); }

TEST_CASE("mixed separators are rejected") {
  CHECK_THROWS_AS(parse_date("2026-11/29"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115/11-29"), RejectedInput);
  CHECK_THROWS_AS(parse_date("115年11/29"), RejectedInput);
}

TEST_CASE("a date with a time of day is not a date") { CHECK_THROWS_AS(parse_date("2026-11-29 14:30"), RejectedInput); }

TEST_CASE("a rejected date quotes the text and names the accepted forms") {
  CHECK(date_error("2026-13-01") ==
        R"(not a date: "2026-13-01" (use 2026-11-29, 2026/11/29, 115/11/29, 1151129 or 115年11月29日))");
}

TEST_CASE("a rejected date's message stays on one line, however long the text") {
  const std::string message = date_error(("2026-11-29\n" + std::string(500, 'x')).c_str());
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.size() < 200);
}

TEST_CASE("a rejected date exits as rejected input") {
  try {
    parse_date("nope");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.status() == ExitStatus::rejected);
  }
}

// --- times in ---------------------------------------------------------------------------------

TEST_CASE("a time without an offset is Taiwan time") { CHECK(parse_time("2026-11-29T14:30") == half_past_two_taiwan); }

TEST_CASE("seconds are optional") {
  CHECK(parse_time("2026-11-29T14:30:00") == half_past_two_taiwan);
  CHECK(parse_time("2026-11-29T14:30:05").seconds == half_past_two_taiwan.seconds + 5);
}

TEST_CASE("a space may stand for the T") { CHECK(parse_time("2026-11-29 14:30") == half_past_two_taiwan); }

TEST_CASE("offsets are converted to the same moment") {
  CHECK(parse_time("2026-11-29T14:30+08:00") == half_past_two_taiwan);
  CHECK(parse_time("2026-11-29T14:30:00+0800") == half_past_two_taiwan);
  CHECK(parse_time("2026-11-29T06:30Z") == half_past_two_taiwan);
  CHECK(parse_time("2026-11-29T01:30-05:00") == half_past_two_taiwan);
  CHECK(parse_time("2026-11-29T12:00+05:30") == half_past_two_taiwan);
}

TEST_CASE("ROC dates take a time after a space") {
  CHECK(parse_time("115/11/29 14:30") == half_past_two_taiwan);
  CHECK(parse_time("1151129 14:30") == half_past_two_taiwan);
  CHECK(parse_time("115年11月29日 14:30") == half_past_two_taiwan);
  CHECK(parse_time("民國115年11月29日 14:30:00") == half_past_two_taiwan);
}

TEST_CASE("a bare date is 00:00 Taiwan time that day") {
  CHECK(parse_time("2026-11-29") == taiwan_start_of_day({2026, 11, 29}));
  CHECK(parse_time("115/11/29") == parse_time("2026-11-29T00:00:00+08:00"));
}

TEST_CASE("hours past 23 and minutes or seconds past 59 are rejected") {
  CHECK_THROWS_AS(parse_time("2026-11-29T24:00"), RejectedInput);
  CHECK_THROWS_AS(parse_time("2026-11-29T14:60"), RejectedInput);
  CHECK_THROWS_AS(parse_time("2026-11-29T14:30:60"), RejectedInput);
}

TEST_CASE("a time needs hours and minutes and nothing after the offset") {
  CHECK_THROWS_AS(parse_time("2026-11-29T14"), RejectedInput);
  CHECK_THROWS_AS(parse_time("2026-11-29T14:30+08:00x"), RejectedInput);
  CHECK_THROWS_AS(parse_time("2026-11-29+08:00"), RejectedInput);
}

TEST_CASE("a time rejects the same bad dates as parse_date") {
  CHECK_THROWS_AS(parse_time("2025-02-29 10:00"), RejectedInput);
  CHECK_THROWS_AS(parse_time("20261129 10:00"), RejectedInput);
}

TEST_CASE("a rejected time quotes the text and names the accepted forms") {
  try {
    parse_time("tomorrow");
    FAIL("accepted");
  } catch (const RejectedInput& e) {
    const std::string message = e.what();
    CHECK(message.find(R"(not a time: "tomorrow")") == 0);
    CHECK(message.find("2026-11-29T14:30") != std::string::npos);
    CHECK(message.find("115/11/29 14:30") != std::string::npos);
  }
}

// --- the Taiwan day ---------------------------------------------------------------------------

TEST_CASE("15:59:59Z is still the same day in Taiwan") {
  CHECK(taiwan_date(parse_time("2026-11-29T15:59:59Z")) == Date{2026, 11, 29});
}

TEST_CASE("16:00:00Z is the next day in Taiwan") {
  CHECK(taiwan_date(parse_time("2026-11-29T16:00:00Z")) == Date{2026, 11, 30});
}

TEST_CASE("a Taiwan day starts at 16:00Z the day before") {
  CHECK(taiwan_start_of_day({2026, 11, 29}) == Instant{1795881600});
  CHECK(taiwan_start_of_day({2026, 11, 29}) == parse_time("2026-11-28T16:00Z"));
}

TEST_CASE("the machine's TZ changes nothing") {
  {
    const ScopedEnv tz("TZ", "America/New_York");
    tzset();
    CHECK(parse_time("2026-11-29 14:30") == half_past_two_taiwan);
    CHECK(taiwan_date(parse_time("2026-11-29T16:00:00Z")) == Date{2026, 11, 30});
    CHECK(format_time(half_past_two_taiwan) == "2026-11-29T14:30:00+08:00");
    CHECK(taiwan_start_of_day({2026, 11, 29}) == Instant{1795881600});
  }
  tzset();
}

// --- day arithmetic ---------------------------------------------------------------------------

TEST_CASE("add_years from 29 February lands on 1 March in a non-leap year") {
  CHECK(add_years({2024, 2, 29}, 5) == Date{2029, 3, 1});
}

TEST_CASE("add_years from 29 February keeps it in a leap year") {
  CHECK(add_years({2024, 2, 29}, 4) == Date{2028, 2, 29});
}

TEST_CASE("add_years keeps month and day otherwise") {
  CHECK(add_years({2026, 11, 29}, 5) == Date{2031, 11, 29});
  CHECK(add_years({2026, 11, 29}, -5) == Date{2021, 11, 29});
}

TEST_CASE("add_days crosses month and year ends") {
  CHECK(add_days({2026, 12, 31}, 1) == Date{2027, 1, 1});
  CHECK(add_days({2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(add_days({2027, 1, 1}, -1) == Date{2026, 12, 31});
  CHECK(add_days({2026, 11, 29}, 6) == Date{2026, 12, 5});
}

TEST_CASE("days_between counts across a year end") {
  CHECK(days_between({2026, 12, 25}, {2027, 1, 5}) == 11);
  CHECK(days_between({2027, 1, 5}, {2026, 12, 25}) == -11);
  CHECK(days_between({2026, 11, 29}, {2026, 11, 29}) == 0);
}

TEST_CASE("weekday counts from Sunday") {
  CHECK(weekday({2026, 11, 29}) == 0);  // a Sunday
  CHECK(weekday({2027, 1, 1}) == 5);    // a Friday
  CHECK(weekday({2024, 2, 29}) == 4);   // a Thursday
  CHECK(weekday({1912, 1, 1}) == 1);    // a Monday
}

TEST_CASE("is_valid accepts real days from 1912 to 2910 only") {
  CHECK(is_valid({2024, 2, 29}));
  CHECK(is_valid({2910, 12, 31}));
  CHECK_FALSE(is_valid({9999, 12, 31}));
  CHECK_FALSE(is_valid({2025, 2, 29}));
  CHECK_FALSE(is_valid({1911, 12, 31}));
  CHECK_FALSE(is_valid({10000, 1, 1}));
  CHECK_FALSE(is_valid({2026, -255, 1}));
}

// --- dates out --------------------------------------------------------------------------------

TEST_CASE("ISO dates print with padded month and day") { CHECK(format_date({2026, 1, 5}) == "2026-01-05"); }

TEST_CASE("ROC dates print the year unpadded and month and day as two digits") {
  CHECK(format_date({2026, 11, 29}, DateStyle::roc) == "115/11/29");
  CHECK(format_date({1912, 1, 1}, DateStyle::roc) == "1/01/01");
}

TEST_CASE("the long ROC form prints 年月日 without padding") {
  CHECK(format_roc_long({2026, 11, 29}) == "115年11月29日");
  CHECK(format_roc_long({2026, 1, 5}) == "115年1月5日");
}

TEST_CASE("times print in Taiwan time with +08:00") {
  CHECK(format_time(parse_time("2026-11-29T06:30:05Z")) == "2026-11-29T14:30:05+08:00");
  CHECK(format_time(parse_time("2026-11-29T16:00:00Z")) == "2026-11-30T00:00:00+08:00");
}

TEST_CASE("ROC times print the ROC date, a space and the clock") {
  CHECK(format_time(parse_time("2026-11-29T06:30:05Z"), DateStyle::roc) == "115/11/29 14:30:05");
}

TEST_CASE("printed dates and times read back the same") {
  const Date d{1912, 1, 1};
  CHECK(parse_date(format_date(d, DateStyle::roc)) == d);
  CHECK(parse_date(format_roc_long(d)) == d);
  CHECK(parse_time(format_time(half_past_two_taiwan)) == half_past_two_taiwan);
  CHECK(parse_time(format_time(half_past_two_taiwan, DateStyle::roc)) == half_past_two_taiwan);
}

// --- the clock --------------------------------------------------------------------------------

TEST_CASE("a test clock reads any time form") {
  CHECK(test_clock_reading("2026-11-29T14:30:00+08:00") == half_past_two_taiwan);
  CHECK(test_clock_reading("115/11/29 14:30") == half_past_two_taiwan);
}

TEST_CASE("a bad test clock is rejected and named") {
  try {
    test_clock_reading("soon");
    FAIL("accepted");
  } catch (const RejectedInput& e) {
    CHECK(std::string(e.what()).find(R"(IMCOMPLY_NOW is not a time: "soon")") == 0);
  }
}

TEST_CASE("the core's clock is the machine's, whatever IMCOMPLY_NOW says") {
  const ScopedEnv fake("IMCOMPLY_NOW", "2040-01-01T03:00");
  const auto system = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  CHECK(now().seconds - system <= 2);
  CHECK(system - now().seconds <= 2);
}
