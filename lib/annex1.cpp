// Annex 1 (附件一 應用移民資訊資料日誌表): the usage log sheet as text, csv and html.
#include <algorithm>
#include <array>
#include <ostream>
#include <string>
#include <vector>

#include "forms_internal.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/render.hpp"
#include "imcomply/text.hpp"

namespace imcomply {
namespace {

using namespace forms;

constexpr int rows_per_page = 20;     // Annex 1: rows 1–20 on each sheet
constexpr int purpose_columns = 30;   // the text form wraps the purpose at this display width

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
  std::vector<std::string> after_signing;  ///< 簽核後異動, on the last page above the sign-off line
  std::string checkpoint;               ///< 日誌檢查點：…
};

std::string user_shown(const UsageEntry& entry) {
  if (!trimmed(entry.name).empty()) return entry.name;
  return "（" + entry.login + "）";
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
  out.after_signing = after_signing_lines(sheet.after_signing);
  out.checkpoint = "日誌檢查點：" + sheet.checkpoint.value_or("（無）");
  return out;
}

std::string page_label(const ShownSheet& sheet, const ShownPage& page) {
  return "第 " + std::to_string(page.number) + " 頁／共 " + std::to_string(sheet.page_count) + " 頁";
}
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
  if (page.number == sheet.page_count && !sheet.after_signing.empty()) {
    write_line(out, std::string(after_signing_heading));
    for (const auto& change : sheet.after_signing)
      for (const auto& line : wrapped(printable(change), c.total())) write_line(out, line);
    write_line(out, "");
  }
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
  Document doc{{table}};
  if (!sheet.after_signing.empty()) {
    Table changes{"after_signing", "", {{"簽核後異動", "簽核後異動"}}, {}};
    for (const auto& change : sheet.after_signing) changes.rows.push_back({change});
    doc.parts.push_back(changes);
  }
  render(out, doc, Format::csv);
}

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
  if (last && !sheet.after_signing.empty()) {
    out << "<div class=\"after-signing\"><h2>" << after_signing_heading << "</h2>\n<ul>\n";
    for (const auto& change : sheet.after_signing) out << "<li>" << escaped(change) << "</li>\n";
    out << "</ul></div>\n";
  }
  write_html_foot(out, {sheet.signoffs.begin(), sheet.signoffs.end()}, sheet.checkpoint);
  out << "</section>\n";
}

void render_html(std::ostream& out, const ShownSheet& sheet) {
  write_html_start(out, sheet.title + " " + sheet.month, usage_sheet_style);
  for (const auto& page : sheet.pages) render_html_page(out, sheet, page);
  write_html_end(out);
}

}  // namespace

void render_usage_sheet(std::ostream& out, const UsageSheet& sheet, FormFormat format) {
  const ShownSheet form = shown(sheet);
  switch (format) {
    case FormFormat::text: return render_text(out, form);
    case FormFormat::csv: return render_csv(out, form);
    case FormFormat::html: return render_html(out, form);
  }
}

}  // namespace imcomply
