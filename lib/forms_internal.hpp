#pragma once
// The parts every official form is printed with (lib/forms.cpp), shared by Annex 1 (annex1.cpp)
// and Annexes 2 and 3 (annex23.cpp).
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/audit.hpp"
#include "imcomply/dates.hpp"
#include "imcomply/usage.hpp"

namespace imcomply::forms {

inline constexpr std::string_view blank = "＿＿＿＿";
inline constexpr std::string_view gap = "  ";  ///< between the columns of a text table
inline constexpr std::string_view stale_mark = "（簽核後異動，待重簽）";  ///< after a sign-off the form changed under

/// `s` without surrounding spaces, tabs and ideographic spaces.
std::string_view trimmed(std::string_view s);
/// 彰化縣彰化戶政事務所, or 彰化縣＿＿＿＿戶政事務所 without a name.
std::string office_full_name(std::string_view office_name);
/// "115年"; a year before the ROC calendar leaves the blank "　　年".
std::string roc_year(int year);
/// "中華民國115年11月".
std::string roc_month(Month month);
/// "115年11月3日 09:12", the day and the clock in Taiwan.
std::string roc_time(Instant t);

std::string_view role_label(SheetRole role);
std::string_view role_label(AuditRole role);

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
  return text + who + " " + format_roc_long(taiwan_date(latest->signed_at)) + (latest->stale ? std::string(stale_mark) : "");
}

/// spec §4: the section shown while a signed form has changes not every signer has signed again.
inline constexpr std::string_view after_signing_heading = "簽核後異動";
/// One line per change: when, who, what, and why.
std::vector<std::string> after_signing_lines(const std::vector<FormChange>& changes);

// ---- text ----
/// Lines of at most `width` display columns, broken by the Chinese and Latin rules.
std::vector<std::string> wrapped(std::string_view text, int width);
/// The line without trailing spaces, and a newline.
void write_line(std::ostream& out, const std::string& line);
/// `text` centred over a form `width` columns wide.
std::string centered(std::string_view text, int width);
/// One row of a text table: the lines of each cell side by side, each column padded to its width.
void write_row(std::ostream& out, std::span<const int> widths, const std::vector<std::vector<std::string>>& cells);
std::string rule(int width);  ///< a row of dashes under a header

// ---- html ----
std::string escaped(std::string_view text);  ///< printable(), then HTML's escaping
/// From <!DOCTYPE> to <body>, with the page style and the form's own rules.
void write_html_start(std::ostream& out, std::string_view title, std::string_view form_style);
void write_html_end(std::ostream& out);
/// The foot of every form: the sign-off line and the journal checkpoint.
void write_html_foot(std::ostream& out, const std::vector<std::string>& signoffs, std::string_view checkpoint);

}  // namespace imcomply::forms
