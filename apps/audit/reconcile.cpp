// audit reconcile: system queries with no usage-log entry, entries with no query; exit 1 if any.
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"
#include "imcomply/system_log.hpp"

namespace imcomply::audit {

void setup_reconcile(cli::Registry& r) {
  auto month = std::make_shared<std::optional<std::string>>();
  auto* sub = r.add("reconcile", "Match the system log with the usage log; exit 1 on any mismatch", [month](cli::Context& ctx) {
    auto s = ctx.session();
    const auto result = reconcile(s, *month ? std::optional(parse_month(**month)) : std::nullopt);
    Table unlogged{"unlogged", ctx.t("System queries with no usage-log entry", "無使用日誌之系統查詢"),
                   {{"time", ctx.t("Time", "查詢時間")},
                    {"account", ctx.t("Account", "帳號")},
                    {"item", ctx.t("Item", "查詢項目")},
                    {"subject", ctx.t("Subject", "查詢對象")}},
                   {}};
    for (const auto& q : result.unlogged)
      unlogged.rows.push_back({ctx.time(q.at), q.account, ctx.term(item_name(q.item)), q.subject_masked});
    Table unused = cli::entry_table(ctx, result.unused);
    unused.key = "unused";
    unused.title = ctx.t("Usage-log entries with no system query", "無系統查詢之使用日誌");
    ctx.print(Document{{unlogged, unused}});
    return result.clean() ? 0 : 1;
  });
  sub->add_option("--month", *month, "YYYY-MM (default: everything)");
}

}  // namespace imcomply::audit
