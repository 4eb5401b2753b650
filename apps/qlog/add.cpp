// qlog add: records a whole row at once, e.g. transcribing a paper sheet.
#include <iostream>
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options : EntryOptions {
  std::string login, logout;
  cli::AfterSigningOptions late;
};

}  // namespace

void setup_add(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("add", "Record a whole entry: login, logout, item, purpose", [o](cli::Context& ctx) {
    auto s = ctx.session();
    NewEntry e = o->entry(s.actor);
    e.login_at = *cli::time_flag(o->login, "--login");
    e.logout_at = cli::time_flag(o->logout, "--logout");
    const auto id = add_entry(s, e, o->late.value());
    if (ctx.format() == Format::table)
      std::cout << id << '\n';
    else
      ctx.print(Document{{Record{"entry", "", {{"id", "id", id}}}}});
    return 0;
  });
  o->add_to(sub);
  sub->add_option("--login", o->login, "Login time")->required();
  sub->add_option("--logout", o->logout, "Logout time")->required();
  o->late.add_to(sub);
}

}  // namespace imcomply::qlog
