// audit monthly: Annex 2 drafted from the records, with the usage summary (R4.3).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/forms.hpp"

namespace imcomply::audit {
namespace {

Table counts(cli::Context& ctx, std::string key, std::string title, const std::vector<CountRow>& rows) {
  Table t{std::move(key), std::move(title), {{"key", ctx.t("Key", "項目")}, {"label", ctx.t("Label", "名稱")}, {"count", ctx.t("Queries", "次數")}}, {}};
  for (const auto& r : rows) t.rows.push_back({r.key, r.label, r.count});
  return t;
}

}  // namespace

void setup_monthly(cli::Registry& r) {
  auto month = std::make_shared<std::string>();
  auto* sub = r.add("monthly", "Annex 2 for a month: --format text (default), json or html; exit 1 if an item does not conform",
                    [month](cli::Context& ctx) {
                      const bool json = ctx.options_format() == "json";
                      const FormFormat form = json ? FormFormat::text : ctx.form_format();
                      auto s = ctx.session();
                      const MonthlyAudit a = monthly_audit(s, parse_month(*month));
                      if (json) {
                        Table items{"items", "", {{"item", "item"}, {"title", "title"}, {"proposed", "proposed"},
                                                  {"recorded", "recorded"}, {"note", "note"}, {"evidence", "evidence"}}, {}};
                        for (const auto& i : a.items) {
                          std::string evidence;
                          for (const auto& e : i.evidence) evidence += (evidence.empty() ? "" : "\n") + e;
                          items.rows.push_back({static_cast<std::int64_t>(i.number), i.title,
                                                std::string(verdict_name(i.proposed)),
                                                i.recorded ? Cell(std::string(verdict_name(*i.recorded))) : Cell(),
                                                i.note ? Cell(*i.note) : Cell(), evidence});
                        }
                        Table outliers{"outliers", "", {{"finding", "finding"}}, {}};
                        for (const auto& o : a.outliers) outliers.rows.push_back({o});
                        Record head{"audit", "", {{"month", "month", a.month.text()}, {"office", "office", a.office_name},
                                                  {"checkpoint", "checkpoint", a.checkpoint ? Cell(*a.checkpoint) : Cell()}}};
                        render(std::cout, Document{{head, items, counts(ctx, "by_user", "", a.by_user),
                                                    counts(ctx, "by_item", "", a.by_item), counts(ctx, "by_hour", "", a.by_hour),
                                                    counts(ctx, "by_weekday", "", a.by_weekday), outliers}},
                               Format::json);
                      } else {
                        render_monthly_audit(std::cout, a, form);
                      }
                      for (const auto& i : a.items)
                        if (i.recorded.value_or(i.proposed) == Verdict::nonconform) return 1;
                      return 0;
                    });
  sub->add_option("--month", *month, "YYYY-MM")->required();
}

}  // namespace imcomply::audit
