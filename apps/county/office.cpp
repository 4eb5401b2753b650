// county office add / list: the offices the county supervises.
#include <memory>

#include "commands.hpp"
#include "imcomply/county.hpp"

namespace imcomply::county_app {
namespace {

struct AddOptions {
  std::string code, name;
};

}  // namespace

void setup_office(cli::Registry& r) {
  CLI::App* group = r.group("office", "The offices the county supervises: add, list");
  auto o = std::make_shared<AddOptions>();
  auto* add = r.add("add", "Register an office by the code its database names (acct init --office)",
                    [o](cli::Context& ctx) {
                      auto s = ctx.county_session(Command::county_office_add);
                      county::add_office(s, o->code, o->name);
                      ctx.print(Document{{Record{"done", ctx.t("office registered", "已登錄戶政事務所"),
                                                 {{"code", ctx.t("Code", "代碼"), o->code},
                                                  {"name", ctx.t("Name", "名稱"), o->name}}}}});
                      return 0;
                    },
                    group);
  add->add_option("CODE", o->code, "The office's code")->required();
  add->add_option("--name", o->name, "The office's name")->required();
  r.add("list", "The registered offices",
        [](cli::Context& ctx) {
          auto s = ctx.county_session();
          Table t{"offices", "", {{"code", ctx.t("Code", "代碼")}, {"name", ctx.t("Name", "名稱")},
                                  {"added_at", ctx.t("Added", "登錄時間")}, {"added_by", ctx.t("By", "登錄者")}}, {}};
          for (const auto& office : county::offices(s))
            t.rows.push_back({office.code, office.name, ctx.time(office.added_at), office.added_by});
          ctx.print(Document{{t}});
          return 0;
        },
        group);
}

}  // namespace imcomply::county_app
