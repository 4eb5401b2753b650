// acct init: creates the database with its office and first administrator.
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_init(cli::Registry& r) {
  auto request = std::make_shared<InitRequest>();
  auto* sub = r.add("init", "Create the database: the office and its first administrator", [request](cli::Context& ctx) {
    const Actor actor = ctx.init_actor(request->admin_login);
    init_office(ctx.db_path(), ctx.wait(), actor, ctx.now(), *request);
    ctx.print(done(ctx, "database created",
                   {{"db", ctx.t("Database", "資料庫"), ctx.db_path().string()},
                    {"office", ctx.t("Office", "戶政事務所"), request->office_code + " " + request->office_name},
                    {"admin", ctx.t("Administrator", "系統管理人員"), request->admin_login}}));
    return 0;
  });
  sub->add_option("--office", request->office_code, "Office code")->required();
  sub->add_option("--office-name", request->office_name, "Office name, e.g. 彰化")->required();
  sub->add_option("--admin", request->admin_login, "Login of the first administrator")->required();
  sub->add_option("--admin-name", request->admin_name, "Name of the first administrator")->required();
  sub->add_option("--admin-os-user", request->admin_os_user, "OS user of the first administrator (default: --admin)");
}

}  // namespace imcomply::acct
