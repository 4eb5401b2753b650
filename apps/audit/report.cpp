// audit report: usage-log entries and system queries counted by user, item, month, hour or
// weekday, as a table or a bar chart drawn in the terminal.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::optional<std::string> from, to;
  std::string by;
  bool chart = false;
};

}  // namespace

void setup_report(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("report", "Counts by user, item, month, hour or weekday; --chart draws bars", [o](cli::Context& ctx) {
    auto s = ctx.session();
    const ReportBy by = parse_report_by(o->by);  // another --by is rejected input (exit 3, audit(1))
    const auto rows = usage_report(s, cli::date_flag(o->from, "--from"), cli::date_flag(o->to, "--to"), by);
    if (o->chart && ctx.format() == Format::table) {
      std::vector<Bar> entries, queries;
      for (const auto& row : rows) {
        entries.push_back({row.label, row.entries});
        queries.push_back({row.label, row.queries});
      }
      render_bars(std::cout, ctx.t("Usage-log entries", "使用日誌筆數"), entries, 40, ctx.lang());
      std::cout << '\n';
      render_bars(std::cout, ctx.t("System queries", "系統查詢次數"), queries, 40, ctx.lang());
      return 0;
    }
    Table t{"report", "",
            {{"key", o->by}, {"label", ctx.t("Label", "名稱")}, {"entries", ctx.t("Entries", "日誌筆數")},
             {"queries", ctx.t("Queries", "查詢次數")}},
            {}};
    for (const auto& row : rows) t.rows.push_back({row.key, row.label, row.entries, row.queries});
    ctx.print(Document{{t}});
    return 0;
  });
  sub->add_option("--from", o->from, "First day");
  sub->add_option("--to", o->to, "Last day");
  cli::choices(sub->add_option("--by", o->by, "user, item, month, hour or weekday"), {"user", "item", "month", "hour", "weekday"})
      ->required();
  sub->add_flag("--chart", o->chart, "Draw bar charts in the terminal");
}

}  // namespace imcomply::audit
