// audit sign: a sign-off on the month's Annex 2 by the person holding that role.
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::string month, role;
};

}  // namespace

void setup_sign(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("sign", "Sign the month's audit record as auditor, chief, secretary or director", [o](cli::Context& ctx) {
    auto s = ctx.session();
    const Month month = parse_month(o->month);
    sign_audit(s, month, parse_audit_role(o->role));
    ctx.print(Document{{Record{"signoff", "",
                               {{"month", ctx.t("Month", "月份"), month.text()},
                                {"role", ctx.t("Role", "職稱"), o->role},
                                {"by", ctx.t("Signed by", "簽章"), s.actor.login}}}}});
    return 0;
  });
  sub->add_option("--month", o->month, "YYYY-MM")->required();
  cli::choices(sub->add_option("--role", o->role, "auditor, chief, secretary or director"),
               {"auditor", "chief", "secretary", "director"})
      ->required()
      ->check(CLI::IsMember({"auditor", "chief", "secretary", "director"}));
}

}  // namespace imcomply::audit
