// acct terminate: ends an account; late when after the duty change's deadline (R3.4).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, reason;
  std::optional<std::string> date;
};

}  // namespace

void setup_terminate(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("terminate", "Terminate an account", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_terminate);
    const Termination t = terminate(s, o->login, parse_termination_reason(o->reason), cli::date_flag(o->date, "--date"));
    std::vector<Field> fields{{"login", ctx.t("Login", "帳號"), o->login},
                              {"terminated_on", ctx.t("Terminated on", "終止日期"), ctx.date(t.terminated_on)}};
    if (t.deadline_on) fields.push_back({"deadline", ctx.t("Deadline", "期限"), ctx.date(*t.deadline_on)});
    fields.push_back({"late_days", ctx.t("Days late", "逾期日數"), static_cast<std::int64_t>(t.late_days)});
    fields.push_back({"recorded_on", ctx.t("Recorded on", "登錄日期"), ctx.date(t.recorded_on)});
    fields.push_back({"backdated", ctx.t("Backdated", "日期回溯"), t.backdated()});
    std::string what = t.late_days > 0 ? ctx.say(Msg::terminated_late, {days(t.late_days)}) : "terminated";
    // R3.4: a date written back does not make a late termination on time.
    if (t.backdated()) what += ctx.say(Msg::backdated_after, {ctx.date(t.recorded_on), ctx.date(*t.deadline_on)});
    ctx.print(done(ctx, std::move(what), std::move(fields)));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  cli::choices(sub->add_option("--reason", o->reason, "duty-change, cert-lost, violation, review or request"),
               {"duty-change", "cert-lost", "violation", "review", "request"})
      ->required();
  sub->add_option("--date", o->date, "Date of the termination (default today)");
}

}  // namespace imcomply::acct
