#pragma once
// Dates and times, always reasoned about in Taiwan time (UTC+08:00, no DST), whatever the
// machine's TZ says (spec §1 "time", "dates in", "dates out").
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace imcomply {

/// A Gregorian calendar day.
struct Date {
  int year;
  int month;
  int day;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// A moment: seconds since 1970-01-01T00:00:00Z.
struct Instant {
  std::int64_t seconds;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

/// How dates are printed: ISO 8601 (2026-11-29) or ROC (115/11/29).
enum class DateStyle { iso, roc };

/// Reads any date form of spec §1; throws RejectedInput naming the accepted forms.
Date parse_date(std::string_view text);
/// Reads a date and time (offset optional, default +08:00); a bare date means 00:00 Taiwan time.
Instant parse_time(std::string_view text);

/// The calendar day in Taiwan at moment t.
Date taiwan_date(Instant t);
/// 00:00:00 +08:00 on day d.
Instant taiwan_start_of_day(Date d);

/// d plus days (negative goes back); d must be valid.
Date add_days(Date d, int days);
/// to - from, in days.
int days_between(Date from, Date to);
/// d plus years; 29 February becomes 1 March in a non-leap target year (never earlier).
Date add_years(Date d, int years);
/// 0 = Sunday … 6 = Saturday.
int weekday(Date d);
/// A real calendar day in 1912–2910 (ROC years 1–999), the range parse_date accepts.
bool is_valid(Date d);

/// "2026-11-29" or "115/11/29" (ROC year unpadded, month and day two digits).
std::string format_date(Date d, DateStyle style = DateStyle::iso);
/// "115年11月29日", the form used on official forms.
std::string format_roc_long(Date d);
/// Taiwan time: "2026-11-29T14:30:05+08:00" or "115/11/29 14:30:05".
std::string format_time(Instant t, DateStyle style = DateStyle::iso);

/// The machine's clock, to the second. Only a test-clock build replaces it (apps/common/clock.cpp).
Instant now();
/// A test clock's reading from $IMCOMPLY_NOW's text (any parse_time form); a bad one throws
/// RejectedInput naming IMCOMPLY_NOW.
Instant test_clock_reading(std::string_view text);

}  // namespace imcomply
