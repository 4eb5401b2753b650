#include "imcomply/forms.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "imcomply/error.hpp"
#include "imcomply/render.hpp"
#include "imcomply/text.hpp"

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

std::string_view role_label(AuditRole role) {
  switch (role) {
    case AuditRole::auditor: return "稽核人員";
    case AuditRole::chief: return "股長";
    case AuditRole::secretary: return "秘書";
    case AuditRole::director: return "主任";
  }
  return "";
}

/// "承辦人員：林美麗 115年12月1日" for the latest sign-off in that role, else "承辦人員：＿＿＿＿".
/// Signoff is SheetSignoff (Annex 1) or AuditSignoff (Annex 2).
template <class Signoff, class Role>
std::string signoff_text(const std::vector<Signoff>& signoffs, Role role) {
  const Signoff* latest = nullptr;
  for (const auto& signoff : signoffs)
    if (signoff.role == role && (!latest || latest->signed_at <= signoff.signed_at)) latest = &signoff;
  std::string text = std::string(role_label(role)) + "：";
  if (!latest) return text + std::string(blank);
  const std::string& who = trimmed(latest->name).empty() ? latest->login : latest->name;
  return text + who + " " + format_roc_long(taiwan_date(latest->signed_at));
}

ShownSheet shown(const UsageSheet& sheet) {
  ShownSheet out;
  out.title = office_full_name(sheet.office_name) + "應用移民資訊資料日誌表";
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

constexpr std::string_view gap = "  ";

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

struct TextColumns {
  int number = 0, user = 0, login = 0, logout = 0, purpose = purpose_columns;
  int total() const { return number + user + login + logout + purpose + 4 * 2; }
  std::array<int, 5> widths() const { return {number, user, login, logout, purpose}; }
};

// One width per column for the whole sheet, so that every page lines up the same.
TextColumns text_columns(const ShownSheet& sheet) {
  TextColumns c;
  c.number = std::max(display_width("編號"), display_width(std::to_string(rows_per_page)));
  c.user = display_width("使用者");
  c.login = display_width("登入時間");
  c.logout = display_width("退出時間");
  for (const auto& page : sheet.pages)
    for (const auto& row : page.rows) {
      c.user = std::max(c.user, display_width(printable(row.user)));
      c.login = std::max(c.login, display_width(row.login_time));
      c.logout = std::max(c.logout, display_width(row.logout_time));
    }
  return c;
}

void render_text_page(std::ostream& out, const ShownSheet& sheet, const ShownPage& page, const TextColumns& c) {
  write_line(out, centered(printable(sheet.title), c.total()));
  const std::string label = page_label(sheet, page);
  const int month_width = std::max(display_width(sheet.month) + 2, c.total() - display_width(label));
  write_line(out, pad_to_width(sheet.month, month_width) + label);
  write_line(out, "");

  const auto widths = c.widths();
  write_row(out, widths, {{"編號"}, {"使用者"}, {"登入時間"}, {"退出時間"}, {"資料查詢用途"}});
  write_row(out, widths, {{rule(c.number)}, {rule(c.user)}, {rule(c.login)}, {rule(c.logout)}, {rule(c.purpose)}});
  for (const auto& row : page.rows) {
    const std::string number = std::to_string(row.number);
    const std::string right_aligned =
        std::string(static_cast<std::size_t>(c.number - display_width(number)), ' ') + number;
    write_row(out, widths, {{right_aligned}, {printable(row.user)}, {row.login_time}, {row.logout_time},
                            wrapped(trimmed(printable(row.purpose)), c.purpose)});
  }
  write_line(out, "");
  std::string signoffs;
  for (const auto& signoff : sheet.signoffs) signoffs += (signoffs.empty() ? "" : "　　") + printable(signoff);
  write_line(out, signoffs);
  write_line(out, printable(sheet.checkpoint));
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

constexpr std::string_view usage_sheet_style = R"(col.number { width: 13mm }
col.user { width: 24mm }
col.time { width: 41mm }
th, td { border: 1px solid #000; padding: 0.8mm 1.5mm; vertical-align: middle }
th { height: 9mm; text-align: center; white-space: nowrap }
td { height: 9.5mm }
td.number { text-align: center }
td.time { white-space: nowrap; font-size: 9.5pt; text-align: center }
td.purpose { font-size: 10pt; line-height: 1.25; overflow-wrap: anywhere }
)";

/// From <!DOCTYPE> to <body>, with the page style and the form's own rules.
void write_html_start(std::ostream& out, std::string_view title, std::string_view form_style) {
  out << "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << escaped(title)
      << "</title>\n<style>\n" << page_style << form_style << page_style_end << "</style>\n</head>\n<body>\n";
}

void write_html_end(std::ostream& out) { out << "</body>\n</html>\n"; }

/// The foot of every form: the sign-off line and the journal checkpoint.
void write_html_foot(std::ostream& out, const std::vector<std::string>& signoffs, std::string_view checkpoint) {
  out << "<div class=\"signoffs\">";
  for (const auto& signoff : signoffs) out << "<span>" << escaped(signoff) << "</span>";
  out << "</div>\n<div class=\"checkpoint\">" << escaped(checkpoint) << "</div>\n";
}

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
  out << "</tbody>\n</table>\n";
  write_html_foot(out, {sheet.signoffs.begin(), sheet.signoffs.end()}, sheet.checkpoint);
  out << "</section>\n";
}

void render_html(std::ostream& out, const ShownSheet& sheet) {
  write_html_start(out, sheet.title + " " + sheet.month, usage_sheet_style);
  for (const auto& page : sheet.pages) render_html_page(out, sheet, page);
  write_html_end(out);
}

// ---- Annexes 2 and 3: items, each ticked and explained -----------------------------------

constexpr std::string_view draft_mark = "（擬）";
constexpr std::string_view draft_legend = "註：標示（擬）者為依紀錄擬議之結果，稽核人員尚未記錄。";
constexpr std::string_view none = "無";

/// One row of the table: 稽核項目 · 稽核結果 · 辦理情形說明 (Annex 2) or 查核事項 · 查核結果 · 查核情形說明 (Annex 3).
struct ShownItem {
  std::string number;  ///< "1. "
  std::string text;    ///< the official wording
  std::string result;  ///< ☑符合 ☐不符, ☐是 ☑否
  bool draft = false;  ///< proposed from the records; the auditor has not recorded a result
  std::optional<std::string> note;
  std::vector<std::string> evidence;
};

/// One line of Annex 2's 查詢統計: a heading and its label–count pairs.
struct ShownCounts {
  std::string_view heading;
  std::vector<std::pair<std::string, std::int64_t>> rows;
};

struct ShownSummary {
  std::vector<ShownCounts> counts;
  std::vector<std::string> outliers;  ///< 異常情形; none prints 無
};

struct ShownChecklist {
  std::string title;
  std::string html_title;            ///< the page's <title>
  std::vector<std::string> header;   ///< 稽核月份：…, or 機關：…, 稽核日期：…, 稽核年度：…
  std::array<std::string, 3> columns;
  std::vector<ShownItem> items;
  std::optional<ShownSummary> summary;  ///< Annex 2 only
  std::vector<std::string> signoffs;
  std::string checkpoint;
};

bool any_draft(const ShownChecklist& form) {
  return std::ranges::any_of(form.items, [](const ShownItem& item) { return item.draft; });
}

/// "☑符合 ☐不符" when the first is ticked, "☐符合 ☑不符" otherwise.
std::string ticked(bool first, std::string_view yes, std::string_view no) {
  return std::string(first ? "☑" : "☐") + std::string(yes) + " " + (first ? "☐" : "☑") + std::string(no);
}

/// The row's number and wording: the original's for items 1–6, else what the record says.
ShownItem item_shown(int number, std::string_view title) {
  ShownItem item;
  const std::string_view official = official_item_title(number);
  if (number > 0) item.number = std::to_string(number) + ". ";
  item.text = official.empty() ? title : official;
  return item;
}

// "09" → "09時": the core counts hours by their two digits.
std::string hour_label(std::string_view hour) {
  const bool digits = !hour.empty() && hour.size() <= 2 && std::ranges::all_of(hour, [](char c) {
    return c >= '0' && c <= '9';
  });
  return digits ? std::string(hour) + "時" : std::string(hour);
}

// "Mon" → "週一": the form carries Chinese labels.
std::string weekday_label(std::string_view day) {
  constexpr std::pair<std::string_view, std::string_view> names[] = {
      {"Mon", "週一"}, {"Tue", "週二"}, {"Wed", "週三"}, {"Thu", "週四"},
      {"Fri", "週五"}, {"Sat", "週六"}, {"Sun", "週日"}};
  for (const auto& [english, chinese] : names)
    if (day == english) return std::string(chinese);
  return std::string(day);
}

ShownCounts counts_shown(std::string_view heading, const std::vector<CountRow>& rows,
                         std::string (*label_of)(std::string_view)) {
  ShownCounts counts{heading, {}};
  for (const auto& row : rows) {
    const std::string& label = trimmed(row.label).empty() ? row.key : row.label;
    counts.rows.emplace_back(label_of ? label_of(label) : label, row.count);
  }
  return counts;
}

ShownChecklist shown(const MonthlyAudit& audit) {
  ShownChecklist out;
  out.title = office_full_name(audit.office_name) + "應用移民資訊內部稽核紀錄表";
  out.html_title = out.title + " " + roc_month(audit.month);
  out.header = {"稽核月份：" + roc_month(audit.month)};
  out.columns = {"稽核項目", "稽核結果", "辦理情形說明"};
  for (const auto& item : audit.items) {
    auto& row = out.items.emplace_back(item_shown(item.number, item.title));
    const Verdict verdict = item.recorded.value_or(item.proposed);
    row.result = ticked(verdict == Verdict::conform, "符合", "不符");
    row.draft = !item.recorded;
    if (item.note && !trimmed(*item.note).empty()) row.note = *item.note;
    row.evidence = item.evidence;
  }
  ShownSummary summary;
  summary.counts = {counts_shown("使用者", audit.by_user, nullptr), counts_shown("查詢項目", audit.by_item, nullptr),
                    counts_shown("時段", audit.by_hour, hour_label),
                    counts_shown("星期", audit.by_weekday, weekday_label)};
  summary.outliers = audit.outliers;
  out.summary = std::move(summary);
  for (AuditRole role : {AuditRole::auditor, AuditRole::chief, AuditRole::secretary, AuditRole::director})
    out.signoffs.push_back(signoff_text(audit.signoffs, role));
  out.checkpoint = "日誌檢查點：" + audit.checkpoint.value_or("（無）");
  return out;
}

ShownChecklist shown(const Supervision& supervision) {
  ShownChecklist out;
  out.title = "應用移民資訊內部稽核辦理情形紀錄表";  // the original names the office under 機關, not in the title
  const Date date = supervision.audit_date;
  const std::string year = roc_year(supervision.year);
  out.html_title = out.title + " " + year;
  out.header = {"機關：" + office_full_name(supervision.office_name),
                "稽核日期：" + (is_valid(date) ? format_roc_long(date) : "　　年　　月　　日"),
                "稽核年度：" + year};
  out.columns = {"查核事項", "查核結果", "查核情形說明"};
  for (const auto& item : supervision.items) {
    auto& row = out.items.emplace_back(item_shown(item.number, item.title));
    row.result = ticked(item.yes, "是", "否");
    row.evidence = item.evidence;
  }
  out.signoffs = {"稽核人員：" + std::string(blank)};
  out.checkpoint = "日誌檢查點：" + supervision.checkpoint.value_or("（無）");
  return out;
}

// ---- Annexes 2 and 3 as text ---------------------------------------------------------------

constexpr int item_columns = 30;         // the text form wraps 稽核項目 at this display width
constexpr int explanation_columns = 40;  // and 辦理情形說明 at this one
constexpr std::string_view bullet = "・";

struct ChecklistColumns {
  int item = item_columns, result = 0, explanation = explanation_columns;
  int total() const { return item + result + explanation + 2 * static_cast<int>(gap.size()); }
  std::array<int, 3> widths() const { return {item, result, explanation}; }
};

ChecklistColumns checklist_columns(const ShownChecklist& form) {
  ChecklistColumns c;
  c.result = display_width(form.columns[1]);
  for (const auto& item : form.items)
    c.result = std::max(c.result, display_width(item.result) + (item.draft ? display_width(draft_mark) : 0));
  return c;
}

/// `text` wrapped to `width` after `lead` ("1. ", "・"), its continuation lines indented to match.
std::vector<std::string> hanging(std::string_view lead, std::string_view text, int width) {
  const int indent = display_width(lead);
  auto lines = wrapped(trimmed(printable(text)), std::max(1, width - indent));
  for (std::size_t k = 0; k < lines.size(); ++k)
    lines[k] = (k == 0 ? std::string(lead) : std::string(static_cast<std::size_t>(indent), ' ')) + lines[k];
  return lines;
}

/// 辦理情形說明: the auditor's note, then one bullet per line of evidence.
std::vector<std::string> explanation_lines(const ShownItem& item, int width) {
  std::vector<std::string> lines;
  if (item.note) lines = hanging("", *item.note, width);
  for (const auto& evidence : item.evidence)
    for (auto& line : hanging(bullet, evidence, width)) lines.push_back(std::move(line));
  return lines;
}

/// The parts joined by `separator`, as many on a line as fit in `width`.
std::vector<std::string> packed(const std::vector<std::string>& parts, std::string_view separator, int width) {
  std::vector<std::string> lines;
  for (const auto& part : parts) {
    const std::string text = printable(part);
    if (!lines.empty() && display_width(lines.back()) + display_width(separator) + display_width(text) <= width)
      lines.back() += std::string(separator) + text;
    else
      lines.push_back(text);
  }
  return lines;
}

/// 查詢統計: a heading column, then label–count cells in a grid, as many to a line as fit.
void write_counts(std::ostream& out, const std::vector<ShownCounts>& all, int width) {
  int heading_width = 0;
  for (const auto& counts : all) heading_width = std::max(heading_width, display_width(counts.heading));
  const std::string cell_gap = "    ";
  for (const auto& counts : all) {
    int label_width = 0, count_width = 0;
    for (const auto& [label, count] : counts.rows) {
      label_width = std::max(label_width, display_width(printable(label)));
      count_width = std::max(count_width, static_cast<int>(std::to_string(count).size()));
    }
    const int cell_width = label_width + 1 + count_width;  // the counts right-aligned
    const int room = width - heading_width - static_cast<int>(gap.size());
    const int spacing = static_cast<int>(cell_gap.size());
    const auto per_line = static_cast<std::size_t>(std::max(1, (room + spacing) / (cell_width + spacing)));
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < counts.rows.size(); ++i) {
      const auto& [label, count] = counts.rows[i];
      const std::string number = std::to_string(count);
      const std::string cell = pad_to_width(printable(label), cell_width - static_cast<int>(number.size())) + number;
      if (i % per_line == 0)
        lines.push_back(cell);
      else
        lines.back() += cell_gap + cell;
    }
    if (lines.empty()) lines.emplace_back(none);
    write_row(out, std::array{heading_width, room}, {{std::string(counts.heading)}, lines});
  }
}

void render_text(std::ostream& out, const ShownChecklist& form) {
  const ChecklistColumns c = checklist_columns(form);
  write_line(out, centered(printable(form.title), c.total()));
  for (const auto& line : form.header) write_line(out, printable(line));
  write_line(out, "");

  const auto widths = c.widths();
  write_row(out, widths, {{form.columns[0]}, {form.columns[1]}, {form.columns[2]}});
  write_row(out, widths, {{rule(c.item)}, {rule(c.result)}, {rule(c.explanation)}});
  for (std::size_t i = 0; i < form.items.size(); ++i) {
    const ShownItem& item = form.items[i];
    if (i > 0) write_line(out, "");
    const std::string result = item.result + (item.draft ? std::string(draft_mark) : "");
    write_row(out, widths, {hanging(item.number, item.text, c.item), {result}, explanation_lines(item, c.explanation)});
  }
  if (any_draft(form)) {
    write_line(out, "");
    for (const auto& line : wrapped(draft_legend, c.total())) write_line(out, line);
  }

  if (form.summary) {
    write_line(out, "");
    write_line(out, "查詢統計");
    write_counts(out, form.summary->counts, c.total());
    write_line(out, "");
    write_line(out, "異常情形");
    if (form.summary->outliers.empty()) write_line(out, std::string(none));
    for (const auto& outlier : form.summary->outliers)
      for (const auto& line : hanging(bullet, outlier, c.total())) write_line(out, line);
  }

  write_line(out, "");
  for (const auto& line : packed(form.signoffs, "　", c.total())) write_line(out, line);
  write_line(out, printable(form.checkpoint));
}

// ---- Annexes 2 and 3 as html ---------------------------------------------------------------

constexpr std::string_view checklist_style = R"(col.item { width: 60mm }
col.result { width: 30mm }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top }
th { height: 9mm; text-align: center; vertical-align: middle; white-space: nowrap }
td { line-height: 1.4 }
td.result { text-align: center; white-space: nowrap }
td.explanation { font-size: 10pt; overflow-wrap: anywhere }
td.explanation p, td.explanation ul { margin: 0 }
td.explanation ul { padding-left: 1.2em }
.draft { display: block; font-size: 9.5pt }
.legend { margin-top: 1.5mm; font-size: 9pt }
h2 { margin: 6mm 0 2mm; font-size: 12pt }
table.counts th { width: 24mm; height: auto; padding: 1mm 2mm; text-align: left; vertical-align: top }
table.counts td { padding: 1mm 2mm; font-size: 10pt }
table.counts td span { display: inline-block; margin-right: 5mm; white-space: nowrap }
ul.outliers { margin: 0; padding-left: 1.2em; font-size: 10pt; line-height: 1.4 }
p.none { margin: 0; font-size: 10pt }
.sheet .signoffs { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 8mm }
)";

void render_html(std::ostream& out, const ShownChecklist& form) {
  write_html_start(out, form.html_title, checklist_style);
  out << "<section class=\"sheet\">\n<h1>" << escaped(form.title) << "</h1>\n";
  for (const auto& line : form.header) out << "<div class=\"meta\"><span>" << escaped(line) << "</span></div>\n";
  out << "<table>\n<colgroup><col class=\"item\"><col class=\"result\"><col class=\"explanation\"></colgroup>\n"
      << "<thead><tr><th>" << escaped(form.columns[0]) << "</th><th>" << escaped(form.columns[1]) << "</th><th>"
      << escaped(form.columns[2]) << "</th></tr></thead>\n<tbody>\n";
  for (const auto& item : form.items) {
    out << "<tr><td class=\"item\">" << escaped(item.number + item.text)
        << "</td><td class=\"result\">" << escaped(item.result);
    if (item.draft) out << "<span class=\"draft\">" << draft_mark << "</span>";
    out << "</td><td class=\"explanation\">";
    if (item.note) out << "<p>" << escaped(*item.note) << "</p>";
    if (!item.evidence.empty()) {
      out << "<ul>";
      for (const auto& evidence : item.evidence) out << "<li>" << escaped(evidence) << "</li>";
      out << "</ul>";
    }
    out << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  if (any_draft(form)) out << "<div class=\"legend\">" << draft_legend << "</div>\n";
  if (form.summary) {
    out << "<h2>查詢統計</h2>\n<table class=\"counts\">\n<tbody>\n";
    for (const auto& counts : form.summary->counts) {
      out << "<tr><th>" << escaped(counts.heading) << "</th><td>";
      if (counts.rows.empty()) out << none;
      for (const auto& [label, count] : counts.rows) out << "<span>" << escaped(label) << " " << count << "</span>";
      out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n<h2>異常情形</h2>\n";
    if (form.summary->outliers.empty()) {
      out << "<p class=\"none\">" << none << "</p>\n";
    } else {
      out << "<ul class=\"outliers\">\n";
      for (const auto& outlier : form.summary->outliers) out << "<li>" << escaped(outlier) << "</li>\n";
      out << "</ul>\n";
    }
  }
  write_html_foot(out, form.signoffs, form.checkpoint);
  out << "</section>\n";
  write_html_end(out);
}

void render_checklist(std::ostream& out, const ShownChecklist& form, FormFormat format, std::string_view annex) {
  switch (format) {
    case FormFormat::text: return render_text(out, form);
    case FormFormat::html: return render_html(out, form);
    case FormFormat::csv:
      throw UsageError(std::string(annex) + " has no CSV form; use text, html or --format json");
  }
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

void render_monthly_audit(std::ostream& out, const MonthlyAudit& audit, FormFormat format) {
  render_checklist(out, shown(audit), format, "the monthly audit record (Annex 2)");
}

void render_supervision(std::ostream& out, const Supervision& supervision, FormFormat format) {
  render_checklist(out, shown(supervision), format, "the supervision record (Annex 3)");
}

}  // namespace imcomply
