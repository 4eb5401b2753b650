// county report --by office|month [--chart]: queries, late terminations and findings per office,
// or queries and Annex 2 records missing per month across the offices.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/county.hpp"

namespace imcomply::county_app {
namespace {

struct Options {
  std::string by = "office";
  bool chart = false;
};

}  // namespace

void setup_report(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("report", "Queries, late terminations and findings by office or by month (--chart: bars)",
                    [o](cli::Context& ctx) {
                      const county::ReportBy by = county::parse_report_by(o->by);
                      auto s = ctx.county_session();
                      const Date day = taiwan_date(ctx.now());
                      const Month previous = day.month == 1 ? Month{day.year - 1, 12} : Month{day.year, day.month - 1};
                      const auto rows = county::report(s, by, previous);
                      if (o->chart) {
                        std::vector<Bar> bars;
                        for (const auto& row : rows) bars.push_back({row.key, row.queries});
                        render_bars(std::cout, ctx.t("Queries", "查詢次數"), bars, 40, ctx.lang());
                        return 0;
                      }
                      const bool office = by == county::ReportBy::office;
                      Table t{"report", "",
                              {{office ? "office" : "month", office ? ctx.t("Office", "戶政事務所") : ctx.t("Month", "月份")},
                               {"label", office ? ctx.t("Name", "名稱") : ""},
                               {"queries", ctx.t("Queries", "查詢次數")},
                               {"late_terminations", ctx.t("Late terminations", "逾期停用")},
                               {office ? "findings" : "annex2_missing",
                                office ? ctx.t("Findings", "待處理") : ctx.t("Annex 2 missing", "附件二未完成")}},
                              {}};
                      for (const auto& row : rows) {
                        if (office)
                          t.rows.push_back({row.key, row.label, row.queries, row.late_terminations, row.findings});
                        else
                          t.rows.push_back({row.key, std::monostate{}, row.queries, std::monostate{}, row.findings});
                      }
                      ctx.print(Document{{t}});
                      return 0;
                    });
  cli::choices(sub->add_option("--by", o->by, "office (default) or month"), {"office", "month"});
  sub->add_flag("--chart", o->chart, "Queries as terminal bar charts");
}

}  // namespace imcomply::county_app
