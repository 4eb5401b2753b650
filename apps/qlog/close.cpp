// qlog close: logs out of a session (R3.3: after every query).
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options {
  std::optional<std::int64_t> id;
  std::optional<std::string> user, at;
  cli::AfterSigningOptions late;
};

}  // namespace

void setup_close(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("close", "Log out: close an entry by id, or --user LOGIN's open one", [o](cli::Context& ctx) {
    if (!o->id && !o->user) throw UsageError("give the entry's ID or --user LOGIN");
    auto s = ctx.session();
    const UsageEntry e = close_entry(s, o->id, o->user, cli::time_flag(o->at, "--at"), o->late.value());
    ctx.print(Document{{Record{"entry", "",
                               {{"id", "#", e.id},
                                {"login", ctx.t("Login", "帳號"), e.login},
                                {"login_at", ctx.t("Logged in", "登入時間"), ctx.time(e.login_at)},
                                {"logout_at", ctx.t("Logged out", "退出時間"), ctx.time(*e.logout_at)}}}}});
    return 0;
  });
  sub->add_option("id", o->id, "Entry id");
  cli::logins(sub->add_option("--user", o->user, "Close this user's open entry"));
  sub->add_option("--at", o->at, "Logout time (default now)");
  o->late.add_to(sub);
}

}  // namespace imcomply::qlog
