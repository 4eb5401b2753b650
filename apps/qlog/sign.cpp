// qlog sign: a sign-off on the month's Annex 1 sheet, by the person holding that role.
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options {
  std::string month, role;
};

}  // namespace

void setup_sign(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("sign", "Sign the month's sheet as officer (承辦人員), secretary (秘書) or director (主任)",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session();
                      const Month month = parse_month(o->month);
                      sign_sheet(s, month, parse_sheet_role(o->role));
                      ctx.print(Document{{Record{"signoff", "",
                                                 {{"month", ctx.t("Month", "月份"), month.text()},
                                                  {"role", ctx.t("Role", "職稱"), o->role},
                                                  {"by", ctx.t("Signed by", "簽章"), s.actor.login}}}}});
                      return 0;
                    });
  sub->add_option("--month", o->month, "YYYY-MM")->required();
  cli::choices(sub->add_option("--role", o->role, "officer, secretary or director"), {"officer", "secretary", "director"})
      ->required()
      ->check(CLI::IsMember({"officer", "secretary", "director"}));
}

}  // namespace imcomply::qlog
