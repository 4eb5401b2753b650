// acct suspend: suspends an account after a violation (R5).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, reason;
};

}  // namespace

void setup_suspend(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("suspend", "Suspend an active account", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_suspend);
    suspend(s, o->login, o->reason);
    ctx.print(done(ctx, "suspended", {{"login", ctx.t("Login", "帳號"), o->login}}));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  sub->add_option("--reason", o->reason, "Why")->required();
}

}  // namespace imcomply::acct
