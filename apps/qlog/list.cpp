// qlog list: the log for a month or a period, of everyone or one user.
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options {
  std::optional<std::string> month, from, to, user;
};

}  // namespace

void setup_list(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("list", "List usage-log entries", [o](cli::Context& ctx) {
    auto s = ctx.session();
    EntryFilter filter{cli::date_flag(o->from, "--from"), cli::date_flag(o->to, "--to"), o->user};
    if (o->month) {
      const Month m = parse_month(*o->month);
      filter.from = m.first();
      filter.to = m.last();
    }
    ctx.print(Document{{entry_table(ctx, list_entries(s, filter))}});
    return 0;
  });
  auto* month = sub->add_option("--month", o->month, "YYYY-MM (or 115/11)");
  sub->add_option("--from", o->from, "First day")->excludes(month);
  sub->add_option("--to", o->to, "Last day")->excludes(month);
  cli::logins(sub->add_option("--user", o->user, "Only this login"));
}

}  // namespace imcomply::qlog
