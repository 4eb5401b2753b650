// acct deputy: names or clears a person's deputy (職務代理人, R3.1).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login;
  std::optional<std::string> deputy;
  bool clear = false;
};

}  // namespace

void setup_deputy(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("deputy", "Name a person's deputy (an active user), or --clear it", [o](cli::Context& ctx) {
    if (!o->deputy && !o->clear) throw UsageError("give --deputy OTHER or --clear");
    auto s = ctx.session(Command::acct_deputy);
    set_deputy(s, o->login, o->deputy);
    ctx.print(done(ctx, o->deputy ? "deputy set" : "deputy cleared",
                   {{"login", ctx.t("Login", "帳號"), o->login},
                    {"deputy", ctx.t("Deputy", "職務代理人"), o->deputy ? Cell(*o->deputy) : Cell()}}));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  auto* deputy = cli::logins(sub->add_option("--deputy", o->deputy, "The deputy's login"));
  auto* clear = sub->add_flag("--clear", o->clear, "Remove the deputy");
  deputy->excludes(clear);
}

}  // namespace imcomply::acct
