// qlog check: sessions never closed or too long, queries while not active or not granted,
// overlapping sessions; exit 1 if any (--quiet, for cron: nothing at all when there is none).
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {

void setup_check(cli::Registry& r) {
  auto month = std::make_shared<std::optional<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  auto* sub = r.add("check", "Check the log against R3.3; exit 1 on any finding", [month, quiet](cli::Context& ctx) {
    auto s = ctx.session();
    const auto findings = check_entries(s, *month ? std::optional(parse_month(**month)) : std::nullopt);
    Table table{"findings", "",
                {{"kind", ctx.t("Finding", "缺失")},
                 {"entry", ctx.t("Entry", "日誌")},
                 {"login", ctx.t("Login", "帳號")},
                 {"detail", ctx.t("Detail", "說明")}},
                {}};
    for (const auto& f : findings) table.rows.push_back({f.kind, f.entry_id, f.login, f.detail});
    if (!(*quiet && findings.empty())) ctx.print(Document{{table}});
    return findings.empty() ? 0 : 1;
  });
  sub->add_option("--month", *month, "YYYY-MM (default: the whole log)");
  cli::add_quiet_flag(sub, *quiet);
}

}  // namespace imcomply::qlog
