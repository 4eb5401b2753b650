// acct due: pending terminations, most urgent first; exit 1 if any is overdue. Cron calls this
// (--quiet: nothing at all when nothing is pending). --all adds the duty changes already
// answered, with how (on time, late, backdated).
#include <memory>
#include <set>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::optional<int> within;
  bool all = false;
  bool quiet = false;
};

}  // namespace

void setup_due(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("due", "Pending terminations and their deadlines; exit 1 if any is overdue",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session();
                      const auto pending = o->all ? all_duty_changes(s) : due(s, o->within);
                      std::set<std::string> warned;  // a calendar that cannot be read, once
                      for (const auto& p : pending)
                        for (const auto& w : p.change.warnings)
                          if (warned.insert(w).second) ctx.warn(w);
                      if (!(o->quiet && pending.empty())) ctx.print(Document{{pending_table(ctx, pending)}});
                      for (const auto& p : pending)
                        if (p.overdue) return 1;
                      return 0;
                    });
  auto* within_option =
      sub->add_option("--within", o->within, "Only those due within N days (overdue ones always)")->check(CLI::Range(0, 3660));
  // Past terminations need no action (the exit code stays about pending ones); audit monthly
  // reports those that were late or backdated.
  sub->add_flag("--all", o->all, "Also duty changes already answered: terminated on time, late or backdated")
      ->excludes(within_option);
  cli::add_quiet_flag(sub, o->quiet);
}

}  // namespace imcomply::acct
