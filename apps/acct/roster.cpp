// acct roster: 使用者名冊, the approved users (R3.1).
#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_roster(cli::Registry& r) {
  r.add("roster", "The roster of approved users (使用者名冊): items, deputy, since when", [](cli::Context& ctx) {
    auto s = ctx.session();
    Table table{"roster", fmt::format("{} {}", office(s).name, "使用者名冊"),
                {{"login", ctx.t("Login", "帳號")},
                 {"name", ctx.t("Name", "姓名")},
                 {"title", ctx.t("Title", "職稱")},
                 {"unit", ctx.t("Unit", "單位")},
                 {"items", ctx.t("Items", "查詢項目")},
                 {"deputy", ctx.t("Deputy", "職務代理人")},
                 {"since", ctx.t("Since", "核准日期")},
                 {"status", ctx.t("Status", "狀態")}},
                {}};
    for (const auto& u : roster(s))
      table.rows.push_back({u.login, u.name, u.title ? Cell(*u.title) : Cell(), u.unit ? Cell(*u.unit) : Cell(),
                            ctx.term(join_items(u.items)), u.deputy ? Cell(*u.deputy) : Cell(),
                            u.active_since ? Cell(ctx.date(*u.active_since)) : Cell(),
                            ctx.term(status_name(u.status))});
    ctx.print(Document{{table}});
    return 0;
  });
}

}  // namespace imcomply::acct
