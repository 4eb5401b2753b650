#pragma once
// R3.4: the termination deadline after a duty change, in one place.
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/config.hpp"
#include "imcomply/dates.hpp"

namespace imcomply {

/// Holidays, and Saturdays that are make-up working days, for the admin-procedure counting.
struct HolidayCalendar {
  std::set<Date> holidays;
  std::set<Date> workdays;
  std::set<int> years;  ///< the years it lists a day of: those it covers
  std::string source;   ///< the file it was read from, named in warnings
  bool is_working_day(Date day) const;
};

/// Lines `DATE holiday|workday [name]`, `#` comments; a bad line throws RejectedInput as FILE:LINE.
HolidayCalendar parse_holiday_calendar(std::string_view text, std::string_view source);
HolidayCalendar load_holiday_calendar(const std::filesystem::path& path);

/// The last day on which an account whose duty changed on `effective` may still be terminated:
/// D + termination_days (the day of the change not counted); under admin-procedure, moved past
/// Saturdays, Sundays and holidays to the next working day (APA art. 48).
Date termination_deadline(Date effective, const Rules& rules, const HolidayCalendar& calendar);

/// The calendar the rules name (empty under the calendar counting).
HolidayCalendar calendar_for(const Rules& rules);

/// Under admin-procedure, a warning for each year the calendar does not cover in which the
/// deadline's last day was sought (D + N up to `deadline`): that year's holidays are unknown, so
/// the deadline was moved past Saturdays and Sundays only, and may fall on a holiday.
std::vector<std::string> calendar_gaps(Date effective, Date deadline, const Rules& rules, const HolidayCalendar& calendar);

/// True once the whole deadline day has passed in Taiwan.
bool is_overdue(Date deadline, Instant now);

/// Days a termination on `terminated_on` came after `deadline`; 0 when on time.
int late_days(Date deadline, Date terminated_on);

/// The day a termination took effect on record: its date, or the day it was recorded when that is
/// later. A date written back cannot undo the days the account stood open on record (R3.4).
Date termination_effective_day(Date terminated_on, Date recorded_on);

/// Recorded after its deadline with an earlier date (spec §4 item 2: a finding, never on time).
bool is_backdated(Date deadline, Date terminated_on, Date recorded_on);

}  // namespace imcomply
