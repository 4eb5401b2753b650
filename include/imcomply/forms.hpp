#pragma once
// The official forms, printed exactly as the regulation's annexes lay them out (spec §1 "output":
// forms take text, csv and html; dates on them are always ROC, 115年11月29日).
#include <iosfwd>
#include <string_view>

#include "imcomply/audit.hpp"
#include "imcomply/render.hpp"
#include "imcomply/usage.hpp"

namespace imcomply {

/// The formats a form is printed in: a terminal, a spreadsheet, a printable A4 page.
enum class FormFormat { text, csv, html };

/// "text", "csv", "html"; anything else throws UsageError naming them.
FormFormat parse_form_format(std::string_view name);

/// Annex 1 (附件一 應用移民資訊資料日誌表) exactly, 20 numbered rows a page.
void render_usage_sheet(std::ostream& out, const UsageSheet& sheet, FormFormat format);

/// Annex 2 (應用移民資訊內部稽核紀錄表) for a month: text (for the terminal) or html (printable A4).
/// A result not yet recorded shows the proposed one, marked （擬）. csv throws UsageError.
void render_monthly_audit(std::ostream& out, const MonthlyAudit& audit, FormFormat format);
/// Annex 3 (應用移民資訊內部稽核辦理情形紀錄表) for a year (Gregorian, printed as 稽核年度：115年).
/// csv throws UsageError.
void render_supervision(std::ostream& out, const Supervision& supervision, FormFormat format);

/// The handover list of R3.1 (查詢紀錄文件資料移交清冊): the office, the period, who hands over and
/// who receives, the entries and data of the period, the data still to destroy, the signature
/// lines 移交人 · 接收人 · 監交人 and the journal checkpoint. text or html; csv throws UsageError.
void render_handover(std::ostream& out, const Handover& handover, FormFormat format);

/// Annex 2 as `--format json` prints it: stable English keys, ISO dates, each item's proposed and
/// recorded result with its evidence, and the usage summary.
Document monthly_audit_document(const MonthlyAudit& audit);
/// Annex 3 as `--format json` prints it: each answer (yes) with its evidence.
Document supervision_document(const Supervision& supervision);

}  // namespace imcomply
