#include "imcomply/dates.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <regex>
#include <vector>

#include "imcomply/error.hpp"
#include "imcomply/messages.hpp"

namespace imcomply {
namespace {

namespace chr = std::chrono;

constexpr int roc_epoch = 1911;                   // ROC year 1 = 1912
constexpr std::int64_t taiwan_offset = 8 * 3600;  // fixed UTC+08:00; Taiwan has no DST
constexpr std::size_t longest_text = 64;          // far above the longest form; keeps std::regex shallow

constexpr const char* date_forms_hint = "2026-11-29, 2026/11/29, 115/11/29, 1151129 or 115年11月29日";
constexpr const char* time_forms_hint =
    "2026-11-29T14:30, 2026-11-29 14:30:05+08:00, 115/11/29 14:30 or a date alone for 00:00";

enum class Era { gregorian, roc };

struct DateForm {
  const char* pattern;  // captures year, month, day
  Era era;
};

// Spec §1 "dates in", the whole list. Four-digit years are Gregorian, one to three digits ROC.
// Anything else — eight digits (20261129 is ambiguous), mixed separators — matches none.
constexpr DateForm date_forms[] = {
    {R"((\d{4})-(\d{1,2})-(\d{1,2}))", Era::gregorian},            // 2026-11-29
    {R"((\d{4})/(\d{1,2})/(\d{1,2}))", Era::gregorian},            // 2026/11/29
    {R"((\d{1,3})/(\d{1,2})/(\d{1,2}))", Era::roc},                // 115/11/29
    {R"((\d{1,3})-(\d{1,2})-(\d{1,2}))", Era::roc},                // 115-11-29
    {R"((\d{1,3})\.(\d{1,2})\.(\d{1,2}))", Era::roc},              // 115.11.29
    {R"((\d{3})(\d{2})(\d{2}))", Era::roc},                        // 1151129, 0881231
    {R"((?:民國)?(\d{1,3})年(\d{1,2})月(\d{1,2})日)", Era::roc},  // [民國]115年11月29日
};

// What may follow any date form to make a time: "T14:30" or " 14:30", optional ":05", optional
// offset "Z", "+08:00", "+0800" or any other ±HH:MM. Captures hour, minute, second, offset.
constexpr const char* clock_pattern =
    R"((?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?)";

/// What the text said: a day, and the time of day if there was one.
struct Reading {
  Date date;
  bool has_clock = false;
  std::int64_t seconds_of_day = 0;
  std::int64_t offset = taiwan_offset;
};

std::string_view trim(std::string_view text) {
  constexpr std::string_view space = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

/// The value of a run of at most four digits, as the patterns guarantee.
int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

int number(const std::csub_match& digits) { return number(std::string_view(digits.first, digits.length())); }

/// The offset group ("Z", "+08:00", "-0530") in seconds east of UTC; nullopt if out of range.
std::optional<std::int64_t> offset_seconds(const std::csub_match& group) {
  if (!group.matched) return taiwan_offset;
  const std::string_view text(group.first, group.length());
  if (text == "Z") return 0;
  const int hours = number(text.substr(1, 2)), minutes = number(text.substr(text.size() - 2));
  if (hours > 23 || minutes > 59) return std::nullopt;
  const std::int64_t seconds = hours * 3600 + minutes * 60;
  return text[0] == '-' ? -seconds : seconds;
}

/// The canonical ISO forms the store writes and Excel exports ("2026-11-29", "2026-11-29 14:30",
/// "2026-11-29T14:30:05+08:00"), read without std::regex: imports and every stored row go through
/// here, and the regex costs tens of microseconds a call. Anything else: nullopt, for read().
std::optional<Reading> read_iso(std::string_view t) {
  const auto digits = [&](std::size_t at, std::size_t n) {
    for (std::size_t i = at; i < at + n; ++i)
      if (t[i] < '0' || t[i] > '9') return false;
    return true;
  };
  if (t.size() < 10 || !digits(0, 4) || t[4] != '-' || !digits(5, 2) || t[7] != '-' || !digits(8, 2)) return std::nullopt;
  Reading r;
  r.date = {number(t.substr(0, 4)), number(t.substr(5, 2)), number(t.substr(8, 2))};
  if (t.size() == 10) return is_valid(r.date) ? std::optional(r) : std::nullopt;
  if (t.size() < 16 || (t[10] != 'T' && t[10] != ' ') || !digits(11, 2) || t[13] != ':' || !digits(14, 2)) return std::nullopt;
  int second = 0;
  std::size_t rest = 16;
  if (t.size() >= 19 && t[16] == ':' && digits(17, 2)) {
    second = number(t.substr(17, 2));
    rest = 19;
  }
  std::string_view zone = t.substr(rest);
  if (zone == "Z") {
    r.offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(rest + 1, 2) && zone[3] == ':' &&
             digits(rest + 4, 2)) {
    const int hours = number(zone.substr(1, 2)), minutes = number(zone.substr(4, 2));
    if (hours > 23 || minutes > 59) return std::nullopt;
    r.offset = (zone[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  } else if (!zone.empty()) {
    return std::nullopt;
  }
  const int hour = number(t.substr(11, 2)), minute = number(t.substr(14, 2));
  if (!is_valid(r.date) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  r.has_clock = true;
  r.seconds_of_day = hour * 3600 + minute * 60 + second;
  return r;
}

/// Reads text as one of the date forms, optionally followed by a clock; nullopt if it is not.
std::optional<Reading> read(std::string_view text) {
  if (const auto iso = read_iso(trim(text))) return iso;
  static const std::vector<std::regex> forms = [] {
    std::vector<std::regex> compiled;
    for (const DateForm& form : date_forms)
      compiled.emplace_back(std::string(form.pattern) + clock_pattern);
    return compiled;
  }();

  text = trim(text);
  if (text.empty() || text.size() > longest_text) return std::nullopt;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    std::cmatch m;
    if (!std::regex_match(text.data(), text.data() + text.size(), m, forms[i])) continue;
    Reading r;
    const int year = number(m[1]) + (date_forms[i].era == Era::roc ? roc_epoch : 0);
    r.date = {year, number(m[2]), number(m[3])};
    if (!is_valid(r.date)) return std::nullopt;
    if (m[4].matched) {
      const int hour = number(m[4]), minute = number(m[5]), second = m[6].matched ? number(m[6]) : 0;
      if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
      const auto offset = offset_seconds(m[7]);
      if (!offset) return std::nullopt;
      r.has_clock = true;
      r.seconds_of_day = hour * 3600 + minute * 60 + second;
      r.offset = *offset;
    }
    return r;
  }
  return std::nullopt;
}

/// The bad text for an error message: quoted, on one line, cut short if long.
std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::size_t cut = std::min(text.size(), shown);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  std::string out = "\"";
  for (const char c : text.substr(0, cut)) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  if (cut < text.size()) out += "…";
  return out + "\"";
}

chr::sys_days to_days(Date d) {
  return chr::year{d.year} / chr::month{static_cast<unsigned>(d.month)} / chr::day{static_cast<unsigned>(d.day)};
}

Date to_date(chr::sys_days days) {
  const chr::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

/// Taiwan's wall clock at t, counted as if it were UTC, so that days and hours fall out of chrono.
chr::sys_seconds wall_clock(Instant t) { return chr::sys_seconds{chr::seconds{t.seconds + taiwan_offset}}; }

Instant to_instant(const Reading& r) {
  const std::int64_t midnight_utc = chr::sys_seconds{to_days(r.date)}.time_since_epoch().count();
  return {midnight_utc + r.seconds_of_day - r.offset};
}

}  // namespace

Date parse_date(std::string_view text) {
  const auto r = read(text);
  if (!r || r->has_clock)
    throw RejectedInput(imcomply::text(Msg::not_a_date, {quoted(trim(text)), std::string(date_forms_hint)}));
  return r->date;
}

Instant parse_time(std::string_view text) {
  const auto r = read(text);
  if (!r) throw RejectedInput(imcomply::text(Msg::not_a_time, {quoted(trim(text)), std::string(time_forms_hint)}));
  const Instant t = to_instant(*r);
  // An offset can carry a moment across the range's ends; in Taiwan it must still be in range.
  if (!is_valid(taiwan_date(t)))
    throw RejectedInput(imcomply::text(Msg::not_a_time_in_range, {quoted(trim(text)), std::string(time_forms_hint)}));
  return t;
}

Date taiwan_date(Instant t) {
  return to_date(chr::floor<chr::days>(wall_clock(t)));
}

Instant taiwan_start_of_day(Date d) { return to_instant({.date = d}); }

Date add_days(Date d, int days) { return to_date(to_days(d) + chr::days{days}); }

int days_between(Date from, Date to) { return static_cast<int>((to_days(to) - to_days(from)).count()); }

Date add_years(Date d, int years) {
  const Date same_day{d.year + years, d.month, d.day};
  if (d.month == 2 && d.day == 29 && !chr::year{same_day.year}.is_leap()) return {same_day.year, 3, 1};
  return same_day;
}

int weekday(Date d) { return static_cast<int>(chr::weekday{to_days(d)}.c_encoding()); }

bool is_valid(Date d) {
  if (d.year < 1912 || d.year > 2910 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return false;
  return chr::year_month_day{chr::year{d.year}, chr::month{static_cast<unsigned>(d.month)},
                             chr::day{static_cast<unsigned>(d.day)}}
      .ok();
}

namespace {

/// Writes `value` as `width` decimal digits (zero-padded) at `out`; the ISO forms need no printf,
/// which imports call several times a row.
void put_digits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_date(Date d, DateStyle style) {
  if (style == DateStyle::roc || d.year < 0 || d.year > 9999) {
    char out[64];
    if (style == DateStyle::roc)
      std::snprintf(out, sizeof out, "%d/%02d/%02d", d.year - roc_epoch, d.month, d.day);
    else
      std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
    return out;
  }
  std::string out = "0000-00-00";
  put_digits(out.data(), d.year, 4);
  put_digits(out.data() + 5, d.month, 2);
  put_digits(out.data() + 8, d.day, 2);
  return out;
}

std::string format_roc_long(Date d) {
  return std::to_string(d.year - roc_epoch) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string format_time(Instant t, DateStyle style) {
  const auto wall = wall_clock(t);
  const auto midnight = chr::floor<chr::days>(wall);
  const chr::hh_mm_ss time_of_day{wall - midnight};
  char clock[] = "00:00:00";
  put_digits(clock, static_cast<int>(time_of_day.hours().count()), 2);
  put_digits(clock + 3, static_cast<int>(time_of_day.minutes().count()), 2);
  put_digits(clock + 6, static_cast<int>(time_of_day.seconds().count()), 2);
  std::string text = format_date(to_date(midnight), style);
  text += style == DateStyle::roc ? " " : "T";
  text += clock;
  if (style != DateStyle::roc) text += "+08:00";
  return text;
}

Instant now() { return {chr::floor<chr::seconds>(chr::system_clock::now()).time_since_epoch().count()}; }

Instant test_clock_reading(std::string_view text) {
  if (const auto r = read(text)) return to_instant(*r);
  throw RejectedInput("IMCOMPLY_NOW is not a time: " + quoted(trim(text)) + " (use " + time_forms_hint + ")");
}

}  // namespace imcomply
