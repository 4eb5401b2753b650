// acct approve: moves an application to its next stage: head, county, agency (R3.2).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, stage;
  std::optional<std::string> date, ref;
};

}  // namespace

void setup_approve(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("approve", "Record an approval: --stage head, then county, then agency", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_approve);
    const Stage stage = parse_stage(o->stage);
    approve(s, o->login, stage, cli::date_flag(o->date, "--date"), o->ref);
    ctx.print(done(ctx, stage == Stage::agency ? "approved by the Agency; the account is active" : "approval recorded",
                   {{"login", ctx.t("Login", "帳號"), o->login}, {"stage", ctx.t("Stage", "階段"), ctx.term(stage_name(stage))}}));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  cli::choices(sub->add_option("--stage", o->stage, "head, county or agency"), {"head", "county", "agency"})
      ->required()
      ->check(cli::member_of({"head", "county", "agency"}));
  sub->add_option("--date", o->date, "Date of the approval (default today)");
  sub->add_option("--ref", o->ref, "The Agency's document number (with --stage agency)");
}

}  // namespace imcomply::acct
