// acct change: records a duty change, which opens the six-day termination deadline (R3.4).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, kind, date;
};

}  // namespace

void setup_change(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("change", "Record a duty change; the account must be terminated within six days",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session(Command::acct_change);
                      const DutyChange c = record_duty_change(s, o->login, parse_duty_change(o->kind),
                                                              cli::date_flag(o->date, "--date"));
                      for (const auto& w : c.warnings) ctx.warn(w);
                      ctx.print(done(ctx, "duty change recorded",
                                     {{"login", ctx.t("Login", "帳號"), o->login},
                                      {"deadline", ctx.t("Terminate by the end of", "終止期限"),
                                       ctx.date(c.deadline_on)},
                                      {"counting", ctx.t("Counted", "計算方式"), ctx.term(c.counting)}}));
                      return 0;
                    });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  cli::choices(sub->add_option("--kind", o->kind, "reassignment, transfer, suspension, resignation or retirement"),
               {"reassignment", "transfer", "suspension", "resignation", "retirement"})
      ->required();
  sub->add_option("--date", o->date, "Effective date (may be ahead)")->required();
}

}  // namespace imcomply::acct
