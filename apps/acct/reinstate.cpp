// acct reinstate: lifts a suspension (R5).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_reinstate(cli::Registry& r) {
  auto login = std::make_shared<std::string>();
  auto* sub = r.add("reinstate", "Reinstate a suspended account", [login](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_reinstate);
    reinstate(s, *login);
    ctx.print(done(ctx, "reinstated", {{"login", ctx.t("Login", "帳號"), *login}}));
    return 0;
  });
  cli::logins(sub->add_option("login", *login, "Login"))->required();
}

}  // namespace imcomply::acct
