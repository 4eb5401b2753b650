// acct list: everyone on the roster, with where each application stands.
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_list(cli::Registry& r) {
  auto status = std::make_shared<std::optional<std::string>>();
  auto* sub = r.add("list", "List the roster: status, application stage, items, roles", [status](cli::Context& ctx) {
    auto s = ctx.session();
    const auto filter = *status ? std::optional(parse_status(**status)) : std::nullopt;
    ctx.print(Document{{user_table(ctx, list_users(s, filter), open_applications(s))}});
    return 0;
  });
  cli::choices(sub->add_option("--status", *status, "none, pending, active, suspended or terminated"),
               {"none", "pending", "active", "suspended", "terminated"});
}

}  // namespace imcomply::acct
