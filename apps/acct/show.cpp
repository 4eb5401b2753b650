// acct show: one person's whole timeline, the pending deadline, late terminations.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_show(cli::Registry& r) {
  auto login = std::make_shared<std::string>();
  auto* sub = r.add("show", "Show one person: account, application, deadlines, timeline", [login](cli::Context& ctx) {
    auto s = ctx.session();
    const UserDetail d = show_user(s, *login);
    const User& u = d.user;
    Record person{"user", "",
                  {{"login", ctx.t("Login", "帳號"), u.login},
                   {"name", ctx.t("Name", "姓名"), u.name},
                   {"title", ctx.t("Title", "職稱"), u.title ? Cell(*u.title) : Cell()},
                   {"unit", ctx.t("Unit", "單位"), u.unit ? Cell(*u.unit) : Cell()},
                   {"status", ctx.t("Status", "狀態"), std::string(status_name(u.status))},
                   {"items", ctx.t("Items", "查詢項目"), u.items.empty() ? Cell() : Cell(join_items(u.items))},
                   {"roles", ctx.t("Roles", "角色"), u.roles.empty() ? Cell() : Cell(roles_text(u.roles))},
                   {"deputy", ctx.t("Deputy", "職務代理人"), u.deputy ? Cell(*u.deputy) : Cell()},
                   {"active_since", ctx.t("Active since", "核准日期"),
                    u.active_since ? Cell(ctx.date(*u.active_since)) : Cell()}}};
    if (d.application) {
      const auto& a = *d.application;
      std::string stage = fmt::format("{} ({} since {}, {} days)", join_items(a.items), stage_name(a.stage),
                                      ctx.date(a.stage_on()), days_between(a.stage_on(), taiwan_date(ctx.now())));
      if (a.agency_ref) stage += "; Agency ref " + *a.agency_ref;
      person.fields.push_back({"application", ctx.t("Application", "帳號申請"), stage});
    }
    if (d.pending) {
      const auto& p = *d.pending;
      person.fields.push_back(
          {"pending_termination", ctx.t("Pending termination", "待終止"),
           fmt::format("{} on {}: terminate by the end of {} ({})", duty_change_name(p.change.kind),
                       ctx.date(p.change.effective_on), ctx.date(p.change.deadline_on),
                       p.overdue ? fmt::format("OVERDUE by {} days", -p.days_left)
                                 : fmt::format("{} days left", p.days_left))});
    }
    for (const auto& t : d.terminations) {
      std::string text = fmt::format("{} ({})", ctx.date(t.terminated_on), termination_reason_name(t.reason));
      if (t.late_days > 0)
        text += fmt::format(": LATE by {} days (deadline {})", t.late_days, ctx.date(*t.deadline_on));
      else if (t.deadline_on)
        text += fmt::format(": on time (deadline {})", ctx.date(*t.deadline_on));
      person.fields.push_back({"termination", ctx.t("Terminated", "終止"), text});
    }
    for (const auto& c : d.cert_losses)
      person.fields.push_back(
          {"cert_lost", ctx.t("Certificate lost", "憑證遺失"),
           fmt::format("{}; Agency notified {}{}", ctx.time(c.lost_at),
                       c.notified_at ? ctx.time(*c.notified_at) : std::string("-"),
                       c.notified_late() ? " (FINDING: not told the same day, R3.6)" : "")});
    Table timeline{"timeline", ctx.t("Timeline", "歷程"),
                   {{"when", ctx.t("When", "日期")},
                    {"event", ctx.t("Event", "事件")},
                    {"detail", ctx.t("Detail", "說明")},
                    {"by", ctx.t("By", "經辦")}},
                   {}};
    for (const auto& e : d.timeline) timeline.rows.push_back({e.happened, e.kind, e.detail, e.actor});
    ctx.print(Document{{person, timeline}});
    return 0;  // reading; `acct due` is the check that exits 1
  });
  sub->add_option("login", *login, "Login")->required();
}

}  // namespace imcomply::acct
