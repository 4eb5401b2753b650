// qlog open: starts a session in the log and prints its id (R3.3).
#include <iostream>
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options : EntryOptions {
  std::optional<std::string> at;
  cli::AfterSigningOptions late;
};

}  // namespace

void setup_open(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("open", "Log in: record a query session and print its id", [o](cli::Context& ctx) {
    auto s = ctx.session();
    NewEntry e = o->entry(s.actor);
    e.login_at = cli::time_flag(o->at, "--at").value_or(s.now);
    const auto id = open_entry(s, e, o->late.value());
    if (ctx.format() == Format::table)
      std::cout << id << '\n';  // plain, for id=$(qlog open …)
    else
      ctx.print(Document{{Record{"entry", "", {{"id", "id", id}}}}});
    return 0;
  });
  o->add_to(sub);
  sub->add_option("--at", o->at, "Login time (default now)");
  o->late.add_to(sub);
}

}  // namespace imcomply::qlog
