// county status [--month YYYY-MM]: one row per office, most urgent first; exit 1 if any needs action.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/county.hpp"

namespace imcomply::county_app {
namespace {

Cell number(const std::optional<std::int64_t>& n) {
  if (n) return *n;
  return std::monostate{};
}
Cell text(const std::optional<std::string>& t) {
  if (t) return *t;
  return std::monostate{};
}

/// The month before `day`'s: the latest Annex 2 that is due.
Month previous_month(Date day) { return day.month == 1 ? Month{day.year - 1, 12} : Month{day.year, day.month - 1}; }

}  // namespace

void setup_status(cli::Registry& r) {
  auto month = std::make_shared<std::optional<std::string>>();
  auto* sub = r.add("status", "One row per office, most urgent first; exit 1 if any office needs action",
                    [month](cli::Context& ctx) {
                      const Month asked = *month ? parse_month(**month) : previous_month(taiwan_date(ctx.now()));
                      auto s = ctx.county_session();
                      const auto rows = county::status(s, asked);
                      Table t{"offices", "",
                              {{"office", ctx.t("Office", "戶政事務所")},
                               {"name", ctx.t("Name", "名稱")},
                               {"collected_at", ctx.t("Collected", "收件時間")},
                               {"outcome", ctx.t("Last file", "最近檔案")},
                               {"head", ctx.t("Journal head", "日誌檢查點")},
                               {"as_of", ctx.t("File as of", "檔案日期")},
                               {"age_days", ctx.t("Age", "天數")},
                               {"overdue_terminations", ctx.t("Overdue", "逾期未停用")},
                               {"late_terminations", ctx.t("Late", "逾期停用")},
                               {"county_waiting", ctx.t("At county", "待縣市審核")},
                               {"county_waiting_since", ctx.t("Since", "起")},
                               {"month", ctx.t("Month", "月份")},
                               {"month_items_recorded", ctx.t("A2 items", "附件二項目")},
                               {"month_signoffs", ctx.t("A2 signed", "附件二簽核")},
                               {"review", ctx.t("Review", "權限審查")},
                               {"missed_reviews", ctx.t("Missed reviews", "未完成審查")},
                               {"audits", ctx.t("Audits", "不定期稽核")},
                               {"data_overdue", ctx.t("Data overdue", "逾期未銷毀")},
                               {"open_incidents", ctx.t("Incidents", "未移送事件")},
                               {"findings", ctx.t("Needs action", "待處理")}},
                              {}};
                      const bool json = ctx.format() == Format::json;
                      bool action = false;
                      for (const auto& o : rows) {
                        std::string findings;
                        for (const auto& f : o.findings) findings += (findings.empty() ? "" : "; ") + f;
                        if (!o.findings.empty()) action = true;
                        t.rows.push_back(
                            {o.code, o.name, o.collected_at ? Cell(json ? format_time(*o.collected_at) : ctx.time(*o.collected_at)) : Cell(),
                             text(o.outcome), o.head ? Cell(o.head->text()) : Cell(),
                             o.as_of ? Cell(json ? format_date(taiwan_date(*o.as_of)) : ctx.date(taiwan_date(*o.as_of))) : Cell(),
                             o.age_days ? Cell(static_cast<std::int64_t>(*o.age_days)) : Cell(), number(o.overdue_terminations),
                             number(o.late_terminations), number(o.county_waiting),
                             o.county_waiting_since ? Cell(json ? format_date(*o.county_waiting_since) : ctx.date(*o.county_waiting_since)) : Cell(),
                             asked.text(), number(o.month_items_recorded), number(o.month_signoffs), text(o.review),
                             text(o.missed_reviews),
                             o.audits_done ? Cell(fmt::format("{}/{}", *o.audits_done, o.audits_required.value_or(0))) : Cell(),
                             number(o.data_overdue), number(o.open_incidents),
                             findings.empty() ? Cell() : Cell(findings)});
                      }
                      ctx.print(Document{{t}});
                      return action ? 1 : 0;
                    });
  sub->add_option("--month", *month, "The month whose Annex 2 is asked about, YYYY-MM (default the last one ended)");
}

}  // namespace imcomply::county_app
