// audit plan: draws the year's unannounced audit dates (R4.2); shown only to auditors.
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  int year = 0;
  int count = 2;
  bool show = false;
};

}  // namespace

void setup_plan(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("plan", "Draw N ≥ 2 random working dates for unannounced audits; --show lists them (auditors only)",
                    [o](cli::Context& ctx) {
                      auto s = o->show ? ctx.session() : ctx.session(Command::audit_plan);
                      const auto dates = o->show ? planned_audits(s, o->year) : plan_audits(s, o->year, o->count);
                      Table t{"plan", "", {{"date", ctx.t("Date", "日期")}, {"weekday", ctx.t("Weekday", "星期")}}, {}};
                      static constexpr const char* days[] = {"日", "一", "二", "三", "四", "五", "六"};
                      for (const Date d : dates) t.rows.push_back({ctx.date(d), std::string("星期") + days[weekday(d)]});
                      ctx.print(Document{{t}});
                      return 0;
                    });
  sub->add_option("--year", o->year, "YYYY")->required();
  sub->add_option("--count", o->count, "How many (at least the configured minimum, 2)");
  sub->add_flag("--show", o->show, "List the dates already drawn");
}

}  // namespace imcomply::audit
