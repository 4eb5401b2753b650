#include "imcomply/forms.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "imcomply/error.hpp"
#include "imcomply/render.hpp"

namespace imcomply {
namespace {

constexpr int rows_per_page = 20;     // Annex 1: rows 1–20 on each sheet
constexpr int purpose_columns = 30;   // the text form wraps the purpose at this display width
constexpr std::string_view blank = "＿＿＿＿";
constexpr std::string_view county = "彰化縣";
constexpr std::string_view office_suffix = "戶政事務所";

// ---- the sheet as printed, shared by every format ----------------------------------------

/// One numbered row; a padding row (filled == false) has only its number.
struct ShownRow {
  int number = 0;
  bool filled = false;
  std::string user, login_time, logout_time, purpose;
};

struct ShownPage {
  int number = 0;
  std::vector<ShownRow> rows;  ///< always rows_per_page
};

struct ShownSheet {
  std::string title;
  std::string month;  ///< 中華民國115年11月
  int page_count = 0;
  std::vector<ShownPage> pages;
  std::array<std::string, 3> signoffs;  ///< 承辦人員：… 秘書：… 主任：…
  std::string checkpoint;               ///< 日誌檢查點：…
};

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

std::string user_shown(const UsageEntry& entry) {
  if (!trimmed(entry.name).empty()) return entry.name;
  return "（" + entry.login + "）";
}

std::string_view role_label(SheetRole role) {
  switch (role) {
    case SheetRole::officer: return "承辦人員";
    case SheetRole::secretary: return "秘書";
    case SheetRole::director: return "主任";
  }
  return "";
}

/// "承辦人員：林美麗 115年12月1日" for the latest sign-off in that role, else "承辦人員：＿＿＿＿".
std::string signoff_text(const std::vector<SheetSignoff>& signoffs, SheetRole role) {
  const SheetSignoff* latest = nullptr;
  for (const auto& signoff : signoffs)
    if (signoff.role == role && (!latest || latest->signed_at <= signoff.signed_at)) latest = &signoff;
  std::string text = std::string(role_label(role)) + "：";
  if (!latest) return text + std::string(blank);
  const std::string& who = trimmed(latest->name).empty() ? latest->login : latest->name;
  return text + who + " " + format_roc_long(taiwan_date(latest->signed_at));
}

ShownSheet shown(const UsageSheet& sheet) {
  ShownSheet out;
  out.title = std::string(county) + office_blank(sheet.office_name) + std::string(office_suffix) +
              "應用移民資訊資料日誌表";
  out.month = roc_month(sheet.month);
  const auto entries = static_cast<int>(sheet.entries.size());
  out.page_count = std::max(1, (entries + rows_per_page - 1) / rows_per_page);
  for (int p = 0; p < out.page_count; ++p) {
    auto& page = out.pages.emplace_back();
    page.number = p + 1;
    for (int r = 0; r < rows_per_page; ++r) {
      auto& row = page.rows.emplace_back();
      row.number = r + 1;
      const int index = p * rows_per_page + r;
      if (index >= entries) continue;
      const UsageEntry& entry = sheet.entries[static_cast<std::size_t>(index)];
      row.filled = true;
      row.user = user_shown(entry);
      row.login_time = roc_time(entry.login_at);
      row.logout_time = entry.logout_at ? roc_time(*entry.logout_at) : "（未登出）";
      row.purpose = entry.purpose;
    }
  }
  out.signoffs = {signoff_text(sheet.signoffs, SheetRole::officer),
                  signoff_text(sheet.signoffs, SheetRole::secretary),
                  signoff_text(sheet.signoffs, SheetRole::director)};
  out.checkpoint = "日誌檢查點：" + sheet.checkpoint.value_or("（無）");
  return out;
}

std::string page_label(const ShownSheet& sheet, const ShownPage& page) {
  return "第 " + std::to_string(page.number) + " 頁／共 " + std::to_string(sheet.page_count) + " 頁";
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

// A stored text on one terminal line: control characters (C0, DEL, C1), which would break the
// alignment or drive the terminal, become spaces.
std::string one_line(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = code_point_length(s, i);
    const auto lead = static_cast<unsigned char>(s[i]);
    const bool c1 = n == 2 && lead == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
    if ((n == 1 && (lead < 0x20 || lead == 0x7F)) || c1)
      out += ' ';
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
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

struct TextColumns {
  int number = 0, user = 0, login = 0, logout = 0, purpose = purpose_columns;
  int total() const { return number + user + login + logout + purpose + 4 * 2; }
  int purpose_start() const { return total() - purpose; }
};

constexpr std::string_view gap = "  ";

// One width per column for the whole sheet, so that every page lines up the same.
TextColumns text_columns(const ShownSheet& sheet) {
  TextColumns c;
  c.number = std::max(display_width("編號"), display_width(std::to_string(rows_per_page)));
  c.user = display_width("使用者");
  c.login = display_width("登入時間");
  c.logout = display_width("退出時間");
  for (const auto& page : sheet.pages)
    for (const auto& row : page.rows) {
      c.user = std::max(c.user, display_width(one_line(row.user)));
      c.login = std::max(c.login, display_width(row.login_time));
      c.logout = std::max(c.logout, display_width(row.logout_time));
    }
  return c;
}

void write_line(std::ostream& out, const std::string& line) { out << without_trailing_spaces(line) << '\n'; }

void render_text_page(std::ostream& out, const ShownSheet& sheet, const ShownPage& page, const TextColumns& c) {
  const std::string title = one_line(sheet.title);
  write_line(out, std::string(static_cast<std::size_t>(std::max(0, (c.total() - display_width(title)) / 2)), ' ') +
                      title);
  const std::string label = page_label(sheet, page);
  const int month_width = std::max(display_width(sheet.month) + 2, c.total() - display_width(label));
  write_line(out, pad_to_width(sheet.month, month_width) + label);
  write_line(out, "");

  const auto columns = [&](std::string_view number, std::string_view user, std::string_view login,
                           std::string_view logout, std::string_view purpose) {
    return pad_to_width(number, c.number) + std::string(gap) + pad_to_width(user, c.user) + std::string(gap) +
           pad_to_width(login, c.login) + std::string(gap) + pad_to_width(logout, c.logout) + std::string(gap) +
           std::string(purpose);
  };
  const auto rule = [](int width) { return std::string(static_cast<std::size_t>(width), '-'); };
  write_line(out, columns("編號", "使用者", "登入時間", "退出時間", "資料查詢用途"));
  write_line(out, columns(rule(c.number), rule(c.user), rule(c.login), rule(c.logout), rule(c.purpose)));
  for (const auto& row : page.rows) {
    const std::string number = std::to_string(row.number);
    const std::string right_aligned =
        std::string(static_cast<std::size_t>(c.number - display_width(number)), ' ') + number;
    const auto purpose = wrapped(trimmed(one_line(row.purpose)), c.purpose);
    write_line(out, columns(right_aligned, one_line(row.user), row.login_time, row.logout_time, purpose.front()));
    for (std::size_t k = 1; k < purpose.size(); ++k)
      write_line(out, std::string(static_cast<std::size_t>(c.purpose_start()), ' ') + purpose[k]);
  }
  write_line(out, "");
  std::string signoffs;
  for (const auto& signoff : sheet.signoffs) signoffs += (signoffs.empty() ? "" : "　　") + one_line(signoff);
  write_line(out, signoffs);
  write_line(out, one_line(sheet.checkpoint));
}

void render_text(std::ostream& out, const ShownSheet& sheet) {
  const TextColumns columns = text_columns(sheet);
  for (const auto& page : sheet.pages) {
    if (page.number > 1) out << '\f';
    render_text_page(out, sheet, page, columns);
  }
}

// ---- csv ---------------------------------------------------------------------------------

// Through the shared CSV writer, so that quoting and formula neutralisation are done once.
void render_csv(std::ostream& out, const ShownSheet& sheet) {
  Table table{"usage_sheet", "", {{"頁", "頁"}, {"編號", "編號"}, {"使用者", "使用者"},
               {"登入時間", "登入時間"}, {"退出時間", "退出時間"}, {"資料查詢用途", "資料查詢用途"}}, {}};
  for (const auto& page : sheet.pages)
    for (const auto& row : page.rows)
      if (row.filled)
        table.rows.push_back({std::int64_t{page.number}, std::int64_t{row.number}, row.user, row.login_time,
                              row.logout_time, row.purpose});
  render(out, Document{{table}}, Format::csv);
}

// ---- html --------------------------------------------------------------------------------

std::string escaped(std::string_view s) {
  std::string out;
  for (char ch : s) {
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

constexpr std::string_view html_style = R"(@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { margin: 0; color: #000; background: #fff;
  font-family: "Noto Sans CJK TC", "Noto Serif CJK TC", "AR PL UMing TW", serif; font-size: 11pt }
.sheet { width: 180mm; margin: 0 auto }
.break { page-break-after: always; break-after: page }
h1 { margin: 0 0 5mm; font-size: 16pt; text-align: center; letter-spacing: 0.08em }
.meta { display: flex; justify-content: space-between; margin-bottom: 2mm }
table { width: 100%; border-collapse: collapse; table-layout: fixed }
col.number { width: 13mm }
col.user { width: 24mm }
col.time { width: 41mm }
th, td { border: 1px solid #000; padding: 0.8mm 1.5mm; vertical-align: middle }
th { height: 9mm; text-align: center; white-space: nowrap }
td { height: 9.5mm }
td.number { text-align: center }
td.time { white-space: nowrap; font-size: 9.5pt; text-align: center }
td.purpose { font-size: 10pt; line-height: 1.25; overflow-wrap: anywhere }
.signoffs { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 12pt }
.checkpoint { margin-top: 6mm; font-size: 8.5pt; overflow-wrap: anywhere }
@media screen {
  body { background: #e8e8e8 }
  .sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 15mm; background: #fff;
    box-shadow: 0 0 3mm rgba(0, 0, 0, 0.25) }
}
)";

void render_html_page(std::ostream& out, const ShownSheet& sheet, const ShownPage& page) {
  const bool last = page.number == sheet.page_count;
  out << "<section class=\"" << (last ? "sheet" : "sheet break") << "\">\n";
  out << "<h1>" << escaped(sheet.title) << "</h1>\n";
  out << "<div class=\"meta\"><span>" << escaped(sheet.month) << "</span><span>" << escaped(page_label(sheet, page))
      << "</span></div>\n";
  out << "<table>\n"
         "<colgroup><col class=\"number\"><col class=\"user\"><col class=\"time\"><col class=\"time\">"
         "<col class=\"purpose\"></colgroup>\n"
         "<thead><tr><th>編號</th><th>使用者</th><th>登入時間</th><th>退出時間</th><th>資料查詢用途</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto& row : page.rows) {
    out << "<tr><td class=\"number\">" << row.number << "</td><td class=\"user\">" << escaped(row.user)
        << "</td><td class=\"time\">" << escaped(row.login_time) << "</td><td class=\"time\">"
        << escaped(row.logout_time) << "</td><td class=\"purpose\">" << escaped(row.purpose) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n<div class=\"signoffs\">";
  for (const auto& signoff : sheet.signoffs) out << "<span>" << escaped(signoff) << "</span>";
  out << "</div>\n<div class=\"checkpoint\">" << escaped(sheet.checkpoint) << "</div>\n</section>\n";
}

void render_html(std::ostream& out, const ShownSheet& sheet) {
  out << "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << escaped(sheet.title) << " " << escaped(sheet.month) << "</title>\n<style>\n"
      << html_style << "</style>\n</head>\n<body>\n";
  for (const auto& page : sheet.pages) render_html_page(out, sheet, page);
  out << "</body>\n</html>\n";
}

}  // namespace

FormFormat parse_form_format(std::string_view name) {
  if (name == "text") return FormFormat::text;
  if (name == "csv") return FormFormat::csv;
  if (name == "html") return FormFormat::html;
  throw UsageError("unknown form format '" + std::string(name) + "'; expected text, csv or html");
}

void render_usage_sheet(std::ostream& out, const UsageSheet& sheet, FormFormat format) {
  const ShownSheet form = shown(sheet);
  switch (format) {
    case FormFormat::text: return render_text(out, form);
    case FormFormat::csv: return render_csv(out, form);
    case FormFormat::html: return render_html(out, form);
  }
}

}  // namespace imcomply
