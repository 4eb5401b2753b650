// purge history: the destruction records, kept as the proof.
#include "commands.hpp"
#include "imcomply/purge.hpp"

namespace imcomply::purge_app {

void setup_history(cli::Registry& r) {
  r.add("history", "List destruction records", [](cli::Context& ctx) {
    auto s = ctx.session();
    Table t{"history", "",
            {{"run_id", ctx.t("Run", "批次")},
             {"done_at", ctx.t("Done", "時間")},
             {"kind", ctx.t("Kind", "類別")},
             {"count", ctx.t("Count", "筆數")},
             {"held", ctx.t("Held", "保留")},
             {"first", ctx.t("First day", "起")},
             {"last", ctx.t("Last day", "迄")},
             {"cutoff", ctx.t("Cutoff", "截止日")},
             {"rule", ctx.t("Rule", "依據")},
             {"journal", ctx.t("Journal before the run", "執行前日誌")},
             {"operator", ctx.t("Operator", "執行人")},
             {"method", ctx.t("Method", "方式")}},
            {}};
    for (const auto& d : destruction_history(s))
      t.rows.push_back({d.run_id, ctx.time(d.done_at), d.kind, d.count, d.held, d.first ? Cell(ctx.date(*d.first)) : Cell(),
                        d.last ? Cell(ctx.date(*d.last)) : Cell(), ctx.date(d.cutoff), d.rule, d.journal_hash, d.operator_login, d.method});
    ctx.print(Document{{t}});
    return 0;
  });
}

}  // namespace imcomply::purge_app
