// Annexes 2 (應用移民資訊內部稽核紀錄表) and 3 (應用移民資訊內部稽核辦理情形紀錄表): the items of
// each, ticked and explained, as text and html.
#include <algorithm>
#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "forms_internal.hpp"
#include "imcomply/error.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/text.hpp"

namespace imcomply {
namespace {

using namespace forms;

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
  std::vector<std::string> after_signing;  ///< 簽核後異動 (Annex 2), above the sign-off line
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

/// The core's labels as they are (王小明, 入出境資訊, 09:00, 週一): the form prints what the records say.
ShownCounts counts_shown(std::string_view heading, const std::vector<CountRow>& rows) {
  ShownCounts counts{heading, {}};
  for (const auto& row : rows) counts.rows.emplace_back(trimmed(row.label).empty() ? row.key : row.label, row.count);
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
    const Verdict verdict = item.result();
    row.result = ticked(verdict == Verdict::conform, "符合", "不符");
    row.draft = !item.recorded;
    if (item.note && !trimmed(*item.note).empty()) row.note = *item.note;
    row.evidence = item.evidence;
  }
  ShownSummary summary;
  summary.counts = {counts_shown("使用者", audit.by_user), counts_shown("查詢項目", audit.by_item),
                    counts_shown("時段", audit.by_hour), counts_shown("星期", audit.by_weekday)};
  summary.outliers = audit.outliers;
  out.summary = std::move(summary);
  for (AuditRole role : {AuditRole::auditor, AuditRole::chief, AuditRole::secretary, AuditRole::director})
    out.signoffs.push_back(signoff_text(audit.signoffs, role));
  out.after_signing = after_signing_lines(audit.after_signing);
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
  if (!form.after_signing.empty()) {
    write_line(out, std::string(after_signing_heading));
    for (const auto& change : form.after_signing)
      for (const auto& line : hanging(bullet, change, c.total())) write_line(out, line);
    write_line(out, "");
  }
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
  if (!form.after_signing.empty()) {
    out << "<div class=\"after-signing\"><h2>" << after_signing_heading << "</h2>\n<ul>\n";
    for (const auto& change : form.after_signing) out << "<li>" << escaped(change) << "</li>\n";
    out << "</ul></div>\n";
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

void render_monthly_audit(std::ostream& out, const MonthlyAudit& audit, FormFormat format) {
  render_checklist(out, shown(audit), format, "the monthly audit record (Annex 2)");
}

void render_supervision(std::ostream& out, const Supervision& supervision, FormFormat format) {
  render_checklist(out, shown(supervision), format, "the supervision record (Annex 3)");
}

namespace {

/// Evidence lines joined by newlines: one JSON string per item.
std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

Table count_table(std::string key, const std::vector<CountRow>& rows) {
  Table t{std::move(key), "", {{"key", "Key"}, {"label", "Label"}, {"count", "Queries"}}, {}};
  for (const auto& r : rows) t.rows.push_back({r.key, r.label, r.count});
  return t;
}

Cell optional_cell(const std::optional<std::string>& text) { return text ? Cell(*text) : Cell(); }

}  // namespace

Document monthly_audit_document(const MonthlyAudit& audit) {
  Record head{"audit", "", {{"month", "month", audit.month.text()}, {"office", "office", audit.office_name},
                            {"checkpoint", "checkpoint", optional_cell(audit.checkpoint)}}};
  Table items{"items", "", {{"item", "item"}, {"title", "title"}, {"proposed", "proposed"}, {"recorded", "recorded"},
                            {"note", "note"}, {"evidence", "evidence"}}, {}};
  for (const auto& i : audit.items)
    items.rows.push_back({static_cast<std::int64_t>(i.number), i.title, std::string(verdict_name(i.proposed)),
                          i.recorded ? Cell(std::string(verdict_name(*i.recorded))) : Cell(), optional_cell(i.note),
                          joined(i.evidence)});
  Table outliers{"outliers", "", {{"finding", "finding"}}, {}};
  for (const auto& o : audit.outliers) outliers.rows.push_back({o});
  Table signoffs{"signoffs", "", {{"role", "role"}, {"login", "login"}, {"signed_at", "signed_at"}, {"stale", "stale"}}, {}};
  for (const auto& s : audit.signoffs)
    signoffs.rows.push_back({std::string(audit_role_name(s.role)), s.login, format_time(s.signed_at), s.stale});
  // spec §4: what changed after signing and not yet signed again (簽核後異動)
  Table after_signing{"after_signing", "", {{"at", "at"}, {"by", "by"}, {"action", "action"}, {"change", "change"},
                                            {"reason", "reason"}}, {}};
  for (const auto& c : audit.after_signing)
    after_signing.rows.push_back({format_time(c.recorded_at), c.recorded_by, c.action, c.change, c.reason});
  return Document{{head, items, count_table("by_user", audit.by_user), count_table("by_item", audit.by_item),
                   count_table("by_hour", audit.by_hour), count_table("by_weekday", audit.by_weekday), outliers,
                   signoffs, after_signing}};
}

Document supervision_document(const Supervision& supervision) {
  Record head{"supervision", "", {{"year", "year", static_cast<std::int64_t>(supervision.year)},
                                  {"office", "office", supervision.office_name},
                                  {"audit_date", "audit_date", format_date(supervision.audit_date)},
                                  {"checkpoint", "checkpoint", optional_cell(supervision.checkpoint)}}};
  Table items{"items", "", {{"item", "item"}, {"title", "title"}, {"yes", "yes"}, {"evidence", "evidence"}}, {}};
  for (const auto& i : supervision.items)
    items.rows.push_back({static_cast<std::int64_t>(i.number), i.title, i.yes, joined(i.evidence)});
  return Document{{head, items}};
}

}  // namespace imcomply
