#include "imcomply/deadline.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "imcomply/error.hpp"

namespace imcomply {

bool HolidayCalendar::is_working_day(Date day) const {
  if (workdays.contains(day)) return true;
  if (holidays.contains(day)) return false;
  const int dow = weekday(day);
  return dow != 0 && dow != 6;
}

HolidayCalendar parse_holiday_calendar(std::string_view text, std::string_view source) {
  HolidayCalendar calendar;
  calendar.source = source;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string date_text, kind;
    if (!(words >> date_text)) continue;
    words >> kind;
    Date day{};
    try {
      day = parse_date(date_text);
    } catch (const RejectedInput& e) {
      throw RejectedInput(fmt::format("{}:{}: {}", source, number, e.what()));
    }
    // The kind is required: a misspelt "workday" must not silently become a holiday.
    if (kind == "holiday")
      calendar.holidays.insert(day);
    else if (kind == "workday")
      calendar.workdays.insert(day);
    else
      throw RejectedInput(fmt::format("{}:{}: write \"holiday\" or \"workday\" after the date", source, number));
    calendar.years.insert(day.year);
  }
  return calendar;
}

HolidayCalendar load_holiday_calendar(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RejectedInput(fmt::format("cannot read the holiday calendar {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_holiday_calendar(text.str(), path.string());
}

HolidayCalendar calendar_for(const Rules& rules) {
  if (rules.deadline_counting != DeadlineCounting::admin_procedure) return {};
  return load_holiday_calendar(rules.holiday_calendar);
}

Date termination_deadline(Date effective, const Rules& rules, const HolidayCalendar& calendar) {
  Date deadline = add_days(effective, rules.termination_days);  // R3.4: 六日內
  if (rules.deadline_counting == DeadlineCounting::admin_procedure)
    while (!calendar.is_working_day(deadline)) deadline = add_days(deadline, 1);
  return deadline;
}

std::vector<std::string> calendar_gaps(Date effective, Date deadline, const Rules& rules, const HolidayCalendar& calendar) {
  std::vector<std::string> warnings;
  if (rules.deadline_counting != DeadlineCounting::admin_procedure) return warnings;
  const std::string source = calendar.source.empty() ? "the built-in calendar" : "the holiday calendar " + calendar.source;
  std::set<int> years;
  for (Date day = add_days(effective, rules.termination_days); day <= deadline; day = add_days(day, 1)) years.insert(day.year);
  for (const int year : years)
    if (!calendar.years.contains(year))
      warnings.push_back(fmt::format("{} does not cover {}: the deadline {} was counted past Saturdays and Sundays only "
                                     "and may fall on a holiday; add {}'s holidays and make-up workdays to it",
                                     source, year, format_date(deadline), year));
  return warnings;
}

bool is_overdue(Date deadline, Instant now) { return now >= taiwan_start_of_day(add_days(deadline, 1)); }

int late_days(Date deadline, Date terminated_on) {
  const int days = days_between(deadline, terminated_on);
  return days > 0 ? days : 0;
}

Date termination_effective_day(Date terminated_on, Date recorded_on) { return std::max(terminated_on, recorded_on); }

bool is_backdated(Date deadline, Date terminated_on, Date recorded_on) {
  return recorded_on > deadline && terminated_on < recorded_on;
}

}  // namespace imcomply
