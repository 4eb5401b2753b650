// audit incident: violations and personal-data breaches, their action and referrals (R5, R6).
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::string user, kind, desc, to, date;
  std::optional<std::string> action, ref;
  std::int64_t id = 0;
};

}  // namespace

void setup_incident(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* group = r.group("incident", "Incidents (R5, R6): add, refer, list");
  auto* add = r.add("add", "Record a violation or a personal-data breach; --action suspends or terminates",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session(Command::audit_incident);
                      const auto id = add_incident(s, o->user, o->kind, o->desc, o->action);
                      ctx.print(Document{{Record{"incident", "", {{"id", "#", id}}}}});
                      return 0;
                    },
                    group);
  cli::logins(add->add_option("--user", o->user, "Whose conduct"))->required();
  cli::choices(add->add_option("--kind", o->kind, "violation or pdpa-breach"), {"violation", "pdpa-breach"})->required();
  add->add_option("--desc", o->desc, "What happened")->required();
  cli::choices(add->add_option("--action", o->action, "suspend or terminate the account"), {"suspend", "terminate"});

  auto* refer = r.add("refer", "Refer an incident to the head, the ethics unit (政風單位) or the judiciary",
                      [o](cli::Context& ctx) {
                        auto s = ctx.session(Command::audit_incident);
                        refer_incident(s, o->id, o->to, cli::date_flag(o->date, "--date"), o->ref);
                        ctx.print(Document{{Record{"referral", "", {{"id", "#", o->id}, {"to", ctx.t("To", "移送"), o->to}}}}});
                        return 0;
                      },
                      group);
  refer->add_option("id", o->id, "Incident id")->required();
  cli::choices(refer->add_option("--to", o->to, "head, ethics or judiciary"), {"head", "ethics", "judiciary"})->required();
  refer->add_option("--date", o->date, "Date of the referral")->required();
  refer->add_option("--ref", o->ref, "Document reference");

  r.add("list", "List incidents and their referrals",
        [](cli::Context& ctx) {
          auto s = ctx.session();
          Table t{"incidents", "",
                  {{"id", "#"},
                   {"login", ctx.t("Login", "帳號")},
                   {"kind", ctx.t("Kind", "類別")},
                   {"description", ctx.t("Description", "說明")},
                   {"action", ctx.t("Action", "處置")},
                   {"recorded_at", ctx.t("Recorded", "登錄時間")},
                   {"referrals", ctx.t("Referrals", "移送")}},
                  {}};
          for (const auto& i : incidents(s)) {
            std::string referrals;
            for (const auto& ref : i.referrals)
              referrals += (referrals.empty() ? "" : "; ") + ref.to + " " + ctx.date(ref.on) + (ref.ref ? " " + *ref.ref : "");
            t.rows.push_back({i.id, i.login, i.kind, i.description, i.action ? Cell(*i.action) : Cell(), ctx.time(i.recorded_at),
                              referrals.empty() ? Cell() : Cell(referrals)});
          }
          ctx.print(Document{{t}});
          return 0;
        },
        group);
}

}  // namespace imcomply::audit
