// audit conduct: records an unannounced audit carried out, with its team (R4.2).
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/text.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::string date, team;
  std::optional<std::string> note;
};

}  // namespace

void setup_conduct(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("conduct", "Record an unannounced audit carried out", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::audit_conduct);
    conduct_audit(s, cli::date_flag(o->date, "--date"), split_list(o->team), o->note);
    ctx.print(Document{{Record{"audit", "", {{"date", ctx.t("Date", "日期"), o->date}, {"team", ctx.t("Team", "稽核小組"), o->team}}}}});
    return 0;
  });
  sub->add_option("--date", o->date, "When")->required();
  cli::login_list(sub->add_option("--team", o->team, "LOGIN,LOGIN"))->required();
  sub->add_option("--note", o->note, "What was checked");
}

}  // namespace imcomply::audit
