// acct due: pending terminations, most urgent first; exit 1 if any is overdue. Cron calls this.
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_due(cli::Registry& r) {
  auto within = std::make_shared<std::optional<int>>();
  auto* sub = r.add("due", "Pending terminations and their deadlines; exit 1 if any is overdue",
                    [within](cli::Context& ctx) {
                      auto s = ctx.session();
                      const auto pending = due(s, *within);
                      ctx.print(Document{{pending_table(ctx, pending)}});
                      for (const auto& p : pending)
                        if (p.overdue) return 1;
                      return 0;
                    });
  sub->add_option("--within", *within, "Only those due within N days (overdue ones always)")->check(CLI::Range(0, 3660));
}

}  // namespace imcomply::acct
