#include "views.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace imcomply::acct {

std::string roles_text(const std::vector<Role>& roles) {
  std::string out;
  for (const Role role : roles) out += (out.empty() ? "" : ",") + std::string(role_name(role));
  return out;
}

Text days(int n) { return text(n == 1 || n == -1 ? Msg::day : Msg::days, {std::to_string(n)}); }

Document done(cli::Context& ctx, std::string what, std::vector<Field> fields) {
  fields.insert(fields.begin(), Field{"done", ctx.t("Done", "完成"), ctx.term(what)});
  return Document{{Record{"done", "", std::move(fields)}}};
}

Table user_table(cli::Context& ctx, const std::vector<User>& users, const std::vector<Application>& open) {
  Table table{"users", "",
              {{"login", ctx.t("Login", "帳號")},
               {"name", ctx.t("Name", "姓名")},
               {"title", ctx.t("Title", "職稱")},
               {"unit", ctx.t("Unit", "單位")},
               {"status", ctx.t("Status", "狀態")},
               {"stage", ctx.t("Application", "申請進度")},
               {"items", ctx.t("Items", "查詢項目")},
               {"roles", ctx.t("Roles", "角色")},
               {"deputy", ctx.t("Deputy", "職務代理人")}},
              {}};
  const Date today = taiwan_date(ctx.now());
  for (const auto& u : users) {
    Cell stage;
    for (const auto& a : open)
      if (a.login == u.login)
        stage = ctx.say(Msg::stage_since,
                        {term(stage_name(a.stage)), ctx.date(a.stage_on()), days(days_between(a.stage_on(), today))});
    table.rows.push_back({u.login, u.name, u.title ? Cell(*u.title) : Cell(), u.unit ? Cell(*u.unit) : Cell(),
                          ctx.term(status_name(u.status)), stage,
                          u.items.empty() ? Cell() : Cell(ctx.term(join_items(u.items))),
                          u.roles.empty() ? Cell() : Cell(ctx.term(roles_text(u.roles))),
                          u.deputy ? Cell(*u.deputy) : Cell()});
  }
  return table;
}

Cell termination_state(cli::Context& ctx, const Termination& t) {
  if (!t.deadline_on) return {};
  const Text late = t.late_days > 0 ? text(Msg::late_by, {days(t.late_days)}) : text(Msg::on_time);
  if (t.backdated()) return ctx.say(Msg::backdated, {ctx.date(t.recorded_on), late});
  return late.in(ctx.lang());
}

Table pending_table(cli::Context& ctx, const std::vector<PendingTermination>& pending) {
  const bool answered = std::any_of(pending.begin(), pending.end(), [](const auto& p) { return p.termination.has_value(); });
  Table table{"due", "",
              {{"login", ctx.t("Login", "帳號")},
               {"name", ctx.t("Name", "姓名")},
               {"change", ctx.t("Duty change", "異動")},
               {"effective", ctx.t("Effective", "異動日")},
               {"deadline", ctx.t("Deadline (end of day)", "終止期限")},
               {"counting", ctx.t("Counted", "計算方式")},
               {"days_left", ctx.t("Days left", "剩餘日數")},
               {"state", ctx.t("State", "狀態")}},
              {}};
  if (answered)  // due --all: what became of each
    table.columns.insert(table.columns.end(), {{"terminated_on", ctx.t("Terminated on", "終止日期")},
                                               {"recorded_on", ctx.t("Recorded on", "登錄日期")},
                                               {"late_days", ctx.t("Days late", "逾期日數")},
                                               {"backdated", ctx.t("Backdated", "日期回溯")}});
  for (const auto& p : pending) {
    if (const auto& t = p.termination) {
      table.rows.push_back({p.user.login, p.user.name, ctx.term(duty_change_name(p.change.kind)),
                            ctx.date(p.change.effective_on), ctx.date(p.change.deadline_on), ctx.term(p.change.counting), Cell(),
                            termination_state(ctx, *t), ctx.date(t->terminated_on), ctx.date(t->recorded_on),
                            static_cast<std::int64_t>(t->late_days), t->backdated()});
      continue;
    }
    const std::string state = p.overdue          ? ctx.say(Msg::overdue_by, {days(-p.days_left)})
                              : p.days_left == 0 ? ctx.say(Msg::due_today)
                                                 : ctx.say(Msg::days_left, {days(p.days_left)});
    table.rows.push_back({p.user.login, p.user.name, ctx.term(duty_change_name(p.change.kind)),
                          ctx.date(p.change.effective_on), ctx.date(p.change.deadline_on), ctx.term(p.change.counting),
                          static_cast<std::int64_t>(p.days_left), state});
  }
  return table;
}

}  // namespace imcomply::acct
