// audit verify: the journal's chain, its rows, checkpoints, signatures and anchors (spec §7).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/integrity.hpp"

namespace imcomply::audit {

void setup_verify(cli::Registry& r) {
  auto anchors = std::make_shared<std::vector<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  auto* sub = r.add("verify", "Check the journal; name the first broken record and exit 1 on any tampering",
                    [anchors, quiet](cli::Context& ctx) {
                      auto s = ctx.session();
                      std::vector<Anchor> parsed;
                      for (const auto& a : *anchors) parsed.push_back(parse_anchor(a));
                      const Verification v = verify(s, parsed);
                      Record result{"verify", "",
                                    {{"result", ctx.t("Result", "結果"), v.ok() ? "intact" : "BROKEN"},
                                     {"records", ctx.t("Journal records", "日誌筆數"), v.records},
                                     {"rows", ctx.t("Rows checked", "資料列"), v.rows},
                                     {"checkpoints", ctx.t("Checkpoints", "檢查點"), v.checkpoints},
                                     {"anchors", ctx.t("Anchors", "錨點"), v.anchors}}};
                      Table problems{"problems", "", {{"problem", ctx.t("Problem", "問題")}}, {}};
                      for (const auto& p : v.problems) problems.rows.push_back({p});
                      if (!(*quiet && v.ok())) ctx.print(v.ok() ? Document{{result}} : Document{{result, problems}});
                      return v.ok() ? 0 : 1;
                    });
  sub->add_option("--anchor", *anchors, "SEQ:HASH from a seal or a signed form (repeatable)");
  cli::add_quiet_flag(sub, *quiet);
}

}  // namespace imcomply::audit
