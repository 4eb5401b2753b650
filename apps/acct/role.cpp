// acct role: grants or revokes one of the roles of spec §6.
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login;
  std::optional<std::string> grant, revoke;
};

}  // namespace

void setup_role(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("role", "Grant or revoke a role: admin, auditor, head, secretary, chief, officer",
                    [o](cli::Context& ctx) {
                      if (!o->grant && !o->revoke) throw UsageError("give --grant ROLE or --revoke ROLE");
    auto s = ctx.session(Command::acct_role);
                      if (o->grant)
                        grant_role(s, o->login, parse_role(*o->grant));
                      else
                        revoke_role(s, o->login, parse_role(*o->revoke));
                      ctx.print(done(ctx, o->grant ? "role granted" : "role revoked",
                                     {{"login", ctx.t("Login", "帳號"), o->login},
                                      {"role", ctx.t("Role", "角色"),
                                       ctx.term(role_name(parse_role(o->grant ? *o->grant : *o->revoke)))}}));
                      return 0;
                    });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  auto* grant = cli::choices(sub->add_option("--grant", o->grant, "Role to grant"), cli::role_names());
  auto* revoke = cli::choices(sub->add_option("--revoke", o->revoke, "Role to revoke"), cli::role_names());
  grant->excludes(revoke);
}

}  // namespace imcomply::acct
