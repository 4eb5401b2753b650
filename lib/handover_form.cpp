// The handover list of R3.1 (查詢紀錄文件資料移交清冊): what a person hands over on a duty change,
// as text and html, with the office header, the period, the three signature lines and the journal
// checkpoint that every official form carries (forms_internal.hpp).
#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "forms_internal.hpp"
#include "imcomply/error.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/text.hpp"

namespace imcomply {
namespace {

using namespace forms;

constexpr std::string_view nothing = "（無）";

/// A column: its heading, the display width the text form wraps it at (0: never wrapped), its
/// html class.
struct ShownColumn {
  std::string_view heading;
  int wrap = 0;
  std::string_view css;
};

/// One list of the form: a heading, its columns and rows (the stored text, not yet printable()).
struct ShownSection {
  std::string heading;
  std::vector<ShownColumn> columns;
  std::vector<std::vector<std::string>> rows;
};

struct ShownHandover {
  std::string title;
  std::vector<std::string> header;  ///< 移交期間, 移交日期, 移交人, 接收人
  std::vector<ShownSection> sections;
  std::vector<std::string> signoffs;
  std::string checkpoint;
};

std::string person(const std::string& name, const std::string& login) {
  return trimmed(name).empty() ? login : name + "（" + login + "）";
}

std::string counted(std::string_view heading, std::size_t n) {
  return std::string(heading) + "（" + std::to_string(n) + " 筆）";
}

/// 隨文附卷, destroyed, or to destroy by a day (overdue marked): what became of an item.
std::string data_state(const ObtainedData& d) {
  if (d.archive_no) return "隨文附卷（" + *d.archive_no + "）";
  if (d.destroyed_at) return "已銷毀（" + roc_time(*d.destroyed_at) + "）";
  std::string state = d.destroy_by ? "待銷毀，期限" + format_roc_long(*d.destroy_by) : "待銷毀";
  return d.overdue ? state + "（已逾期）" : state;
}

ShownSection data_section(std::string heading, const std::vector<ObtainedData>& data) {
  ShownSection section{counted(heading, data.size()),
                       {{"編號", 0, "number"}, {"日誌編號", 0, "number"}, {"資料內容", 30, "text"}, {"處理情形", 34, "state"}},
                       {}};
  for (const auto& d : data)
    section.rows.push_back({std::to_string(d.id), std::to_string(d.entry_id),
                            d.file_path ? d.description + "（電子檔：" + *d.file_path + "）" : d.description,
                            data_state(d)});
  return section;
}

ShownHandover shown(const Handover& h) {
  ShownHandover out;
  out.title = office_full_name(h.office_name) + "查詢紀錄文件資料移交清冊";
  out.header = {"移交期間：" + format_roc_long(h.from) + "至" + format_roc_long(h.until),
                "移交日期：" + format_roc_long(h.on), "移交人：" + person(h.login_name, h.login),
                "接收人：" + person(h.to_name, h.to)};
  ShownSection entries{counted("一、應用移民資訊資料日誌", h.entries.size()),
                       {{"日誌編號", 0, "number"},
                        {"查詢項目", 10, "item"},
                        {"登入時間", 0, "time"},
                        {"退出時間", 0, "time"},
                        {"資料查詢用途", 24, "text"},
                        {"案號", 12, "case"}},
                       {}};
  for (const auto& e : h.entries)
    entries.rows.push_back({std::to_string(e.id), std::string(item_chinese_name(e.item)), roc_time(e.login_at),
                            e.logout_at ? roc_time(*e.logout_at) : "（未登出）", e.purpose, e.case_ref.value_or("")});
  out.sections.push_back(std::move(entries));
  out.sections.push_back(data_section("二、期間內查詢所得資料", h.data));
  out.sections.push_back(data_section("三、尚待銷毀資料（不限期間）", h.pending));
  for (std::string_view role : {"移交人", "接收人", "監交人"}) out.signoffs.push_back(std::string(role) + "：" + std::string(blank));
  out.checkpoint = "日誌檢查點：" + h.checkpoint.value_or("（無）");
  return out;
}

// ---- text ----------------------------------------------------------------------------------

std::vector<int> text_widths(const ShownSection& section) {
  std::vector<int> widths;
  for (std::size_t c = 0; c < section.columns.size(); ++c) {
    int width = display_width(section.columns[c].heading);
    for (const auto& row : section.rows) {
      const int natural = display_width(printable(row[c]));
      width = std::max(width, section.columns[c].wrap > 0 ? std::min(natural, section.columns[c].wrap) : natural);
    }
    widths.push_back(width);
  }
  return widths;
}

int total_width(const std::vector<int>& widths) {
  int total = 0;
  for (int w : widths) total += w;
  return total + static_cast<int>(gap.size()) * static_cast<int>(widths.size() - 1);
}

void render_text_section(std::ostream& out, const ShownSection& section, const std::vector<int>& widths) {
  write_line(out, section.heading);
  if (section.rows.empty()) {
    write_line(out, std::string(nothing));
    write_line(out, "");
    return;
  }
  std::vector<std::vector<std::string>> cells;
  for (const auto& column : section.columns) cells.push_back({std::string(column.heading)});
  write_row(out, widths, cells);
  cells.clear();
  for (int w : widths) cells.push_back({rule(w)});
  write_row(out, widths, cells);
  for (const auto& row : section.rows) {
    cells.clear();
    for (std::size_t c = 0; c < row.size(); ++c) cells.push_back(wrapped(trimmed(printable(row[c])), widths[c]));
    write_row(out, widths, cells);
  }
  write_line(out, "");
}

void render_text(std::ostream& out, const ShownHandover& form) {
  std::vector<std::vector<int>> widths;
  int width = 0;
  for (const auto& section : form.sections) {
    widths.push_back(text_widths(section));
    width = std::max(width, total_width(widths.back()));
  }
  write_line(out, centered(printable(form.title), width));
  write_line(out, "");
  for (const auto& line : form.header) write_line(out, printable(line));
  write_line(out, "");
  for (std::size_t i = 0; i < form.sections.size(); ++i) render_text_section(out, form.sections[i], widths[i]);
  std::string signoffs;
  for (const auto& signoff : form.signoffs) signoffs += (signoffs.empty() ? "" : "　　") + signoff;
  write_line(out, signoffs);
  write_line(out, printable(form.checkpoint));
}

// ---- html ----------------------------------------------------------------------------------

constexpr std::string_view handover_style = R"(.meta { flex-wrap: wrap }
.meta span { width: 50% }
h2 { margin: 6mm 0 2mm; font-size: 12pt }
th, td { border: 1px solid #000; padding: 0.8mm 1.5mm; vertical-align: middle; font-size: 10pt }
th { text-align: center; white-space: nowrap }
td.number, td.time { text-align: center; white-space: nowrap }
td.time { font-size: 9pt }
td.text, td.state, td.item, td.case { overflow-wrap: anywhere }
td.none { text-align: center }
col.number { width: 17mm }
col.time { width: 33mm }
col.item { width: 30mm }
col.case { width: 22mm }
)";

void render_html_section(std::ostream& out, const ShownSection& section) {
  out << "<h2>" << escaped(section.heading) << "</h2>\n<table>\n<colgroup>";
  for (const auto& column : section.columns) out << "<col class=\"" << column.css << "\">";
  out << "</colgroup>\n<thead><tr>";
  for (const auto& column : section.columns) out << "<th>" << column.heading << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  if (section.rows.empty())
    out << "<tr><td class=\"none\" colspan=\"" << section.columns.size() << "\">" << nothing << "</td></tr>\n";
  for (const auto& row : section.rows) {
    out << "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      out << "<td class=\"" << section.columns[c].css << "\">" << escaped(row[c]) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void render_html(std::ostream& out, const ShownHandover& form) {
  write_html_start(out, form.title, handover_style);
  out << "<section class=\"sheet\">\n<h1>" << escaped(form.title) << "</h1>\n<div class=\"meta\">";
  for (const auto& line : form.header) out << "<span>" << escaped(line) << "</span>";
  out << "</div>\n";
  for (const auto& section : form.sections) render_html_section(out, section);
  write_html_foot(out, form.signoffs, form.checkpoint);
  out << "</section>\n";
  write_html_end(out);
}

}  // namespace

void render_handover(std::ostream& out, const Handover& handover, FormFormat format) {
  const ShownHandover form = shown(handover);
  switch (format) {
    case FormFormat::text: return render_text(out, form);
    case FormFormat::html: return render_html(out, form);
    case FormFormat::csv: break;
  }
  throw UsageError("the handover list prints as text or html; for csv use --format csv with the lists");
}

}  // namespace imcomply
