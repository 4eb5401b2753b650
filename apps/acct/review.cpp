// acct review: the semiannual permission review (清查使用者權限, R4.4).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::optional<std::string> period;
  std::string login;
  bool keep = false, revoke = false;
  std::optional<std::string> note;
};

}  // namespace

void setup_review(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* group = r.group("review", "The semiannual permission review: start, decide, status, close");

  auto* start = r.add("start", "Open the review of a half-year (default the current one)",
                      [o](cli::Context& ctx) {
                        auto s = ctx.session(Command::acct_review_start);
                        const Review review = start_review(s, o->period);
                        ctx.print(done(ctx, "review started", {{"period", ctx.t("Period", "期間"), review.period}}));
                        return 0;
                      },
                      group);
  start->add_option("--period", o->period, "Half-year, e.g. 2026H2");

  auto* decide = r.add("decide", "Keep or revoke one account (revoke terminates it, reason review)",
                       [o](cli::Context& ctx) {
                         if (o->keep == o->revoke) throw UsageError("give exactly one of --keep or --revoke");
                         auto s = ctx.session(Command::acct_review_decide);
                         decide_review(s, o->login, o->keep, o->note);
                         ctx.print(done(ctx, o->keep ? "kept" : "revoked and terminated",
                                        {{"login", ctx.t("Login", "帳號"), o->login}}));
                         return 0;
                       },
                       group);
  cli::logins(decide->add_option("login", o->login, "Login"))->required();
  decide->add_flag("--keep", o->keep, "The permissions are still needed");
  decide->add_flag("--revoke", o->revoke, "They are not: terminate the account");
  decide->add_option("--note", o->note, "Why");

  r.add("status", "The open (or latest) review, and past half-years never reviewed; exit 1 if any",
        [](cli::Context& ctx) {
          auto s = ctx.session();
          const ReviewStatus status = review_status(s);
          Record head{"review", "",
                      {{"period", ctx.t("Period", "期間"), status.review ? Cell(status.review->period) : Cell()},
                       {"started_on", ctx.t("Started", "開始"),
                        status.review ? Cell(ctx.date(status.review->started_on)) : Cell()},
                       {"closed_on", ctx.t("Closed", "結束"),
                        status.review && status.review->closed_on ? Cell(ctx.date(*status.review->closed_on))
                                                                  : Cell()},
                       {"missed_periods", ctx.t("Half-years never reviewed (R4.4)", "未清查之半年度"),
                        status.missed_periods.empty() ? Cell()
                                                      : Cell(fmt::format("{}", fmt::join(status.missed_periods, ",")))}}};
          Table lines{"accounts", "",
                      {{"login", ctx.t("Login", "帳號")},
                       {"name", ctx.t("Name", "姓名")},
                       {"items", ctx.t("Items", "查詢項目")},
                       {"decision", ctx.t("Decision", "決定")},
                       {"note", ctx.t("Note", "備註")}},
                      {}};
          for (const auto& line : status.lines)
            lines.rows.push_back({line.user.login, line.user.name, join_items(line.user.items),
                                  line.decision ? Cell(*line.decision) : Cell("undecided"),
                                  line.note ? Cell(*line.note) : Cell()});
          ctx.print(Document{{head, lines}});
          return status.missed_periods.empty() ? 0 : 1;
        },
        group);

  r.add("close", "Close the open review (refused while an account is undecided)",
        [](cli::Context& ctx) {
          auto s = ctx.session(Command::acct_review_close);
          close_review(s);
          ctx.print(done(ctx, "review closed"));
          return 0;
        },
        group);
}

}  // namespace imcomply::acct
