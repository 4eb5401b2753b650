#include "imcomply/forms.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "forms_internal.hpp"
#include "imcomply/error.hpp"
#include "imcomply/text.hpp"

// What every official form shares: the office's name, ROC dates, sign-off lines, text wrapping
// and the printable A4 page. Annex 1 is in annex1.cpp, Annexes 2 and 3 in annex23.cpp.
namespace imcomply {
namespace forms {
namespace {

constexpr std::string_view county = "彰化縣";
constexpr std::string_view office_suffix = "戶政事務所";

}  // namespace

std::string_view trimmed(std::string_view s) {
  constexpr std::string_view ideographic_space = "\u3000";
  for (bool changed = true; changed;) {
    changed = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1), changed = true;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1), changed = true;
    if (s.starts_with(ideographic_space)) s.remove_prefix(ideographic_space.size()), changed = true;
    if (s.ends_with(ideographic_space)) s.remove_suffix(ideographic_space.size()), changed = true;
  }
  return s;
}

// The blank of 彰化縣＿＿戶政事務所, whether the office was named "彰化" or "彰化縣彰化戶政事務所".
std::string office_blank(std::string_view office_name) {
  std::string_view name = trimmed(office_name);
  if (name.starts_with(county)) name = trimmed(name.substr(county.size()));
  if (name.ends_with(office_suffix)) name = trimmed(name.substr(0, name.size() - office_suffix.size()));
  return name.empty() ? std::string(blank) : std::string(name);
}

/// 彰化縣彰化戶政事務所, or 彰化縣＿＿＿＿戶政事務所 without a name.
std::string office_full_name(std::string_view office_name) {
  return std::string(county) + office_blank(office_name) + std::string(office_suffix);
}

/// "115年"; a year before the ROC calendar (an unset one) leaves the blank "　　年".
std::string roc_year(int year) {
  const Date new_year{year, 1, 1};
  if (!is_valid(new_year)) return "　　年";
  // format_roc_long gives "115年1月1日"; the year alone is wanted.
  std::string day = format_roc_long(new_year);
  day.erase(day.find("年") + std::string_view("年").size());
  return day;
}

std::string roc_month(Month month) {
  // format_roc_long gives "115年11月1日"; the sheet names the month only.
  std::string day = format_roc_long(month.first());
  day.erase(day.rfind("月") + std::string_view("月").size());
  return "中華民國" + day;
}

/// "115年11月3日 09:12", the day and the clock in Taiwan.
std::string roc_time(Instant t) {
  const Date day = taiwan_date(t);
  const auto since_midnight = t.seconds - taiwan_start_of_day(day).seconds;
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(since_midnight / 3600),
                static_cast<int>(since_midnight % 3600 / 60));
  return format_roc_long(day) + " " + clock;
}

std::string_view role_label(SheetRole role) {
  switch (role) {
    case SheetRole::officer: return "承辦人員";
    case SheetRole::secretary: return "秘書";
    case SheetRole::director: return "主任";
  }
  return "";
}

std::string_view role_label(AuditRole role) {
  switch (role) {
    case AuditRole::auditor: return "稽核人員";
    case AuditRole::chief: return "股長";
    case AuditRole::secretary: return "秘書";
    case AuditRole::director: return "主任";
  }
  return "";
}

// ---- text --------------------------------------------------------------------------------

// The bytes of one UTF-8 code point at s[i]; an invalid byte stands alone (display_width counts
// it as one column, as every other caller does).
std::size_t code_point_length(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
  if (s.size() - i < n) return 1;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  return n;
}

std::string without_trailing_spaces(std::string s) {
  s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

bool is_ascii_word_char(char c) { return c != ' ' && static_cast<unsigned char>(c) < 0x80; }

// Punctuation that may not begin a line (Chinese line-breaking rules): it takes the character
// before it along to the next line.
bool is_closing_punctuation(std::string_view cp) {
  constexpr std::string_view closing[] = {"，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "】", "》", "〉"};
  return std::ranges::find(closing, cp) != std::end(closing);
}

std::size_t last_code_point_start(std::string_view s) {
  std::size_t at = s.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80 && s.size() - at < 4) --at;
  return at;
}

// Lines of at most `width` display columns. Chinese breaks anywhere but before closing
// punctuation; a Latin word moves whole to the next line when the line holds a space to break at.
std::vector<std::string> wrapped(std::string_view text, int width) {
  std::vector<std::string> lines;
  std::string line;
  int line_width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view cp = text.substr(i, code_point_length(text, i));
    i += cp.size();
    const int cp_width = display_width(cp);
    if (line_width + cp_width > width) {
      std::string rest;
      const auto space = line.rfind(' ');
      if (is_ascii_word_char(cp.front()) && !line.empty() && is_ascii_word_char(line.back()) &&
          space != std::string::npos && space > 0) {
        rest = line.substr(space + 1);
        line.erase(space);
      } else if (is_closing_punctuation(cp) && !line.empty()) {
        const std::size_t last = last_code_point_start(line);
        if (last > 0) {
          rest = line.substr(last);
          line.erase(last);
        }
      }
      lines.push_back(without_trailing_spaces(line));
      line = rest;
      line_width = display_width(line);
      if (line.empty() && cp == " ") continue;  // no leading space on a continuation line
    }
    line += cp;
    line_width += cp_width;
  }
  if (!line.empty() || lines.empty()) lines.push_back(without_trailing_spaces(line));
  return lines;
}

void write_line(std::ostream& out, const std::string& line) { out << without_trailing_spaces(line) << '\n'; }

/// `text` centred over a form `width` columns wide.
std::string centered(std::string_view text, int width) {
  return std::string(static_cast<std::size_t>(std::max(0, (width - display_width(text)) / 2)), ' ') +
         std::string(text);
}

/// One row of a text table: the lines of each cell side by side, each column padded to its width.
void write_row(std::ostream& out, std::span<const int> widths, const std::vector<std::vector<std::string>>& cells) {
  std::size_t height = 0;
  for (const auto& cell : cells) height = std::max(height, cell.size());
  for (std::size_t k = 0; k < height; ++k) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string_view text = k < cells[c].size() ? std::string_view(cells[c][k]) : std::string_view();
      if (c > 0) line += gap;
      line += c + 1 < cells.size() ? pad_to_width(text, widths[c]) : std::string(text);
    }
    write_line(out, line);
  }
}

std::string rule(int width) { return std::string(static_cast<std::size_t>(width), '-'); }
// ---- html --------------------------------------------------------------------------------

// HTML's escaping, after printable(): a control character is shown as \xNN on the page too, and
// never reaches the file raw (a line break is only white space there).
std::string escaped(std::string_view text) {
  std::string out;
  for (char ch : printable(text, "\n")) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

// Every form's page: A4, a centred title, bordered tables; each form adds its own rules between
// page_style and page_style_end.
constexpr std::string_view page_style = R"(@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK TC", "Noto Serif CJK TC", "AR PL UMing TW", serif; font-size: 11pt }
.sheet { width: 180mm; margin: 0 auto }
.break { page-break-after: always; break-after: page }
h1 { margin: 0 0 5mm; font-size: 16pt; text-align: center; letter-spacing: 0.08em }
.meta { display: flex; justify-content: space-between; margin-bottom: 2mm }
table { width: 100%; border-collapse: collapse; table-layout: fixed }
)";

constexpr std::string_view page_style_end =
    R"(.signoffs { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 12pt }
.checkpoint { margin-top: 6mm; font-size: 8.5pt; overflow-wrap: anywhere }
@media screen {
  body { background: #e8e8e8 }
  .sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 15mm; background: #fff;
    box-shadow: 0 0 3mm rgba(0, 0, 0, 0.25) }
}
)";
/// From <!DOCTYPE> to <body>, with the page style and the form's own rules.
void write_html_start(std::ostream& out, std::string_view title, std::string_view form_style) {
  out << "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << escaped(title)
      << "</title>\n<style>\n" << page_style << form_style << page_style_end << "</style>\n</head>\n<body>\n";
}

void write_html_end(std::ostream& out) { out << "</body>\n</html>\n"; }

/// The foot of every form: the sign-off line and the journal checkpoint.
std::vector<std::string> after_signing_lines(const std::vector<FormChange>& changes) {
  std::vector<std::string> lines;
  for (const auto& c : changes)
    lines.push_back(roc_time(c.recorded_at) + " " + c.recorded_by + "：" + c.change + "；原因：" + c.reason);
  return lines;
}

void write_html_foot(std::ostream& out, const std::vector<std::string>& signoffs, std::string_view checkpoint) {
  out << "<div class=\"signoffs\">";
  for (const auto& signoff : signoffs) out << "<span>" << escaped(signoff) << "</span>";
  out << "</div>\n<div class=\"checkpoint\">" << escaped(checkpoint) << "</div>\n";
}

}  // namespace forms

FormFormat parse_form_format(std::string_view name) {
  if (name == "text") return FormFormat::text;
  if (name == "csv") return FormFormat::csv;
  if (name == "html") return FormFormat::html;
  throw UsageError("unknown form format '" + std::string(name) + "'; expected text, csv or html");
}

}  // namespace imcomply
