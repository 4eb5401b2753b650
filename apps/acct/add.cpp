// acct add: puts a person on the roster (no account yet).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_add(cli::Registry& r) {
  auto user = std::make_shared<NewUser>();
  auto* sub = r.add("add", "Add a person to the roster", [user](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_add);
    add_user(s, *user);
    ctx.print(done(ctx, "added to the roster", {{"login", ctx.t("Login", "帳號"), user->login}}));
    return 0;
  });
  sub->add_option("login", user->login, "Login")->required();
  sub->add_option("--name", user->name, "Full name")->required();
  sub->add_option("--title", user->title, "Job title");
  sub->add_option("--unit", user->unit, "Unit");
  sub->add_option("--os-user", user->os_user, "The OS user who acts as this login (default: the login)");
}

}  // namespace imcomply::acct
