// purge hold: legal holds that keep records past their retention (add, release, list).
#include <memory>

#include "commands.hpp"
#include "imcomply/purge.hpp"

namespace imcomply::purge_app {
namespace {

struct Options {
  std::optional<std::string> user, from, to;
  std::string reason;
  std::int64_t id = 0;
  bool all = false;
};

}  // namespace

void setup_hold(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* group = r.group("hold", "Legal holds: add, release, list");
  auto* add = r.add("add", "Keep a person's records, or a period's, past their retention",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session();  // the core checks usage (exit 2) before the role (spec §1)
                      const auto id = add_hold(s, o->user, cli::date_flag(o->from, "--from"), cli::date_flag(o->to, "--to"), o->reason);
                      ctx.print(Document{{Record{"hold", "", {{"id", "#", id}}}}});
                      return 0;
                    },
                    group);
  cli::logins(add->add_option("--user", o->user, "Whose records"));
  add->add_option("--from", o->from, "First login day held");
  add->add_option("--to", o->to, "Last login day held");
  add->add_option("--reason", o->reason, "Why (a case, a court order)")->required();

  auto* release = r.add("release", "Release a hold",
                        [o](cli::Context& ctx) {
                          auto s = ctx.session(Command::purge_hold);
                          release_hold(s, o->id);
                          ctx.print(Document{{Record{"hold", "", {{"released", ctx.t("Released", "解除"), o->id}}}}});
                          return 0;
                        },
                        group);
  release->add_option("id", o->id, "Hold id")->required();

  auto* list = r.add("list", "List holds (active ones; --all for released too)",
                     [o](cli::Context& ctx) {
                       auto s = ctx.session();
                       Table t{"holds", "",
                               {{"id", "#"},
                                {"user", ctx.t("User", "使用者")},
                                {"from", ctx.t("From", "起")},
                                {"to", ctx.t("To", "迄")},
                                {"reason", ctx.t("Reason", "原因")},
                                {"placed", ctx.t("Placed", "設定")},
                                {"released", ctx.t("Released", "解除")}},
                               {}};
                       for (const auto& h : holds(s, !o->all))
                         t.rows.push_back({h.id, h.login ? Cell(*h.login) : Cell(), h.from ? Cell(ctx.date(*h.from)) : Cell(),
                                           h.to ? Cell(ctx.date(*h.to)) : Cell(), h.reason,
                                           ctx.time(h.placed_at) + " " + h.placed_by,
                                           h.released_at ? Cell(ctx.time(*h.released_at)) : Cell()});
                       ctx.print(Document{{t}});
                       return 0;
                     },
                     group);
  list->add_flag("--all", o->all, "Released holds too");
}

}  // namespace imcomply::purge_app
