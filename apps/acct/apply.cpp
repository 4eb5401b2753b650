// acct apply: starts an account application (R3.2, stage one: the applicant's e-form).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, items;
  std::optional<std::string> date;
};

}  // namespace

void setup_apply(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("apply", "Start an account application for the query items wanted", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_apply);
    const auto items = parse_items(o->items);
    apply(s, o->login, items, cli::date_flag(o->date, "--date"));
    ctx.print(done(ctx, "application recorded; next: acct approve --stage head",
                   {{"login", ctx.t("Login", "帳號"), o->login},
                    {"items", ctx.t("Items", "查詢項目"), ctx.term(join_items(items))}}));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  cli::choice_list(sub->add_option("--items", o->items, "entry-exit,mainland,foreigner (or their Chinese names)"), cli::item_names())
      ->required();
  sub->add_option("--date", o->date, "Date of the application (default today)");
}

}  // namespace imcomply::acct
