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
                   {"status", ctx.t("Status", "狀態"), ctx.term(status_name(u.status))},
                   {"items", ctx.t("Items", "查詢項目"), u.items.empty() ? Cell() : Cell(ctx.term(join_items(u.items)))},
                   {"roles", ctx.t("Roles", "角色"), u.roles.empty() ? Cell() : Cell(ctx.term(roles_text(u.roles)))},
                   {"deputy", ctx.t("Deputy", "職務代理人"), u.deputy ? Cell(*u.deputy) : Cell()},
                   {"active_since", ctx.t("Active since", "核准日期"),
                    u.active_since ? Cell(ctx.date(*u.active_since)) : Cell()}}};
    if (d.application) {
      const auto& a = *d.application;
      std::string stage = ctx.say(Msg::application_state, {term(join_items(a.items)), term(stage_name(a.stage)),
                                                           ctx.date(a.stage_on()),
                                                           days(days_between(a.stage_on(), taiwan_date(ctx.now())))});
      if (a.agency_ref) stage += ctx.say(Msg::agency_ref, {*a.agency_ref});
      person.fields.push_back({"application", ctx.t("Application", "帳號申請"), stage});
    }
    if (d.pending) {
      const auto& p = *d.pending;
      person.fields.push_back(
          {"pending_termination", ctx.t("Pending termination", "待終止"),
           ctx.say(Msg::pending_termination,
                   {term(duty_change_name(p.change.kind)), ctx.date(p.change.effective_on), ctx.date(p.change.deadline_on),
                    p.overdue ? text(Msg::overdue_by, {days(-p.days_left)}) : text(Msg::days_left, {days(p.days_left)})})});
    }
    Table terminations{"terminations", ctx.t("Terminations", "終止紀錄"),
                       {{"terminated_on", ctx.t("Terminated on", "終止日期")},
                        {"reason", ctx.t("Reason", "原因")},
                        {"deadline", ctx.t("Deadline", "期限")},
                        {"late_days", ctx.t("Days late", "逾期日數")},
                        {"state", ctx.t("State", "狀態")},
                        {"recorded_on", ctx.t("Recorded on", "登錄日期")},
                        {"backdated", ctx.t("Backdated", "日期回溯")}},
                       {}};
    for (const auto& t : d.terminations)
      terminations.rows.push_back({ctx.date(t.terminated_on), ctx.term(termination_reason_name(t.reason)),
                                   t.deadline_on ? Cell(ctx.date(*t.deadline_on)) : Cell(),
                                   static_cast<std::int64_t>(t.late_days), termination_state(ctx, t),
                                   ctx.date(t.recorded_on), t.backdated()});
    Table losses{"cert_losses", ctx.t("Lost certificates (R3.6)", "憑證遺失"),
                 {{"lost_at", ctx.t("Lost", "遺失時間")},
                  {"notified_at", ctx.t("Agency notified", "通知移民署")},
                  {"ref", ctx.t("Ref", "文號")},
                  {"finding", ctx.t("Finding", "缺失")}},
                 {}};
    for (const auto& c : d.cert_losses)
      losses.rows.push_back({ctx.time(c.lost_at), c.notified_at ? Cell(ctx.time(*c.notified_at)) : Cell(),
                             c.ref ? Cell(*c.ref) : Cell(),
                             c.notified_late() ? Cell(ctx.say(Msg::agency_told_late)) : Cell()});
    Table timeline{"timeline", ctx.t("Timeline", "歷程"),
                   {{"when", ctx.t("When", "日期")},
                    {"event", ctx.t("Event", "事件")},
                    {"detail", ctx.t("Detail", "說明")},
                    {"by", ctx.t("By", "經辦")},
                    {"os_user", ctx.t("OS user", "作業系統帳號")}},
                   {}};
    for (const auto& e : d.timeline)
      timeline.rows.push_back({ctx.moment(e.happened), ctx.term(e.kind), e.detail, e.actor, e.os_user});
    Document doc{{person}};
    if (!terminations.rows.empty() || ctx.format() != Format::table) doc.parts.emplace_back(terminations);
    if (!losses.rows.empty() || ctx.format() != Format::table) doc.parts.emplace_back(losses);
    doc.parts.emplace_back(timeline);
    ctx.print(doc);
    return 0;  // reading; `acct due` is the check that exits 1
  });
  cli::logins(sub->add_option("login", *login, "Login"))->required();
}

}  // namespace imcomply::acct
