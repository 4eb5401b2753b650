// acct agency: the office's registration for the audit and account functions (R3.5).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/text.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string by, functions;
  std::optional<std::string> date;
};

}  // namespace

void setup_agency(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* group = r.group("agency", "The office's Agency registration (機關個別註冊): register, approve, status");

  auto* reg = r.add("register", "Record the registration, by the unit head or officer in charge",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session(Command::acct_agency_register);
                      register_agency(s, o->by, split_list(o->functions), cli::date_flag(o->date, "--date"));
                      ctx.print(done(ctx, "registration recorded; the functions stay unregistered until approved"));
                      return 0;
                    },
                    group);
  cli::logins(reg->add_option("--by", o->by, "Login of who registered"))->required();
  cli::choice_list(reg->add_option("--functions", o->functions, "audit,account-admin"), {"audit", "account-admin"})->required();
  reg->add_option("--date", o->date, "Date of the registration (default today)");

  auto* approve = r.add("approve", "Record the Agency's approval of the pending registration",
                        [o](cli::Context& ctx) {
                          auto s = ctx.session(Command::acct_agency_approve);
                          approve_agency(s, cli::date_flag(o->date, "--date"));
                          ctx.print(done(ctx, "registration approved"));
                          return 0;
                        },
                        group);
  approve->add_option("--date", o->date, "Date of the approval (default today)");

  r.add("status", "The registrations; exit 1 while the audit function is unregistered",
        [](cli::Context& ctx) {
          auto s = ctx.session();
          const auto list = agency_registrations(s);
          Table table{"registrations", "",
                      {{"id", "#"},
                       {"by", ctx.t("Registered by", "註冊人")},
                       {"functions", ctx.t("Functions", "功能")},
                       {"registered_on", ctx.t("Registered", "註冊日期")},
                       {"approved_on", ctx.t("Approved", "核准日期")}},
                      {}};
          bool audit_registered = false;
          for (const auto& reg : list) {
            std::string functions;
            for (const auto& f : reg.functions) {
              functions += (functions.empty() ? "" : ",") + f;
              if (f == "audit" && reg.approved_on) audit_registered = true;
            }
            table.rows.push_back({reg.id, reg.registered_by, functions, ctx.date(reg.registered_on),
                                  reg.approved_on ? Cell(ctx.date(*reg.approved_on)) : Cell("pending")});
          }
          Record state{"audit", "",
                       {{"audit_function", ctx.t("Audit function", "稽核功能"),
                         audit_registered ? "registered" : "UNREGISTERED (R3.5)"}}};
          ctx.print(Document{{table, state}});
          return audit_registered ? 0 : 1;
        },
        group);
}

}  // namespace imcomply::acct
