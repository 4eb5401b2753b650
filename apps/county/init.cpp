// county init: creates the county's database with its first administrator.
#include <memory>

#include "commands.hpp"
#include "imcomply/county.hpp"

namespace imcomply::county_app {

void setup_init(cli::Registry& r) {
  auto request = std::make_shared<county::InitRequest>();
  auto* sub = r.add("init", "Create the county's database: the county and its first administrator",
                    [request](cli::Context& ctx) {
                      const Actor actor = ctx.init_actor(request->admin_login);
                      county::init_county(ctx.db_path(), ctx.wait(), actor, ctx.now(), *request);
                      ctx.print(Document{{Record{"done", ctx.t("county database created", "縣市資料庫已建立"),
                                                 {{"db", ctx.t("Database", "資料庫"), ctx.db_path().string()},
                                                  {"county", ctx.t("County", "縣市"),
                                                   request->county_code + " " + request->county_name},
                                                  {"admin", ctx.t("Administrator", "管理人員"), request->admin_login}}}}});
                      return 0;
                    });
  sub->add_option("--county", request->county_code, "County code")->required();
  sub->add_option("--name", request->county_name, "County name, e.g. 彰化縣政府民政處")->required();
  sub->add_option("--admin", request->admin_login, "Login of the first administrator")->required();
  sub->add_option("--admin-name", request->admin_name, "Name of the first administrator")->required();
  sub->add_option("--admin-os-user", request->admin_os_user, "OS user of the first administrator (default: --admin)");
}

}  // namespace imcomply::county_app
