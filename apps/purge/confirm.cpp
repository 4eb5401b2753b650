// purge confirm: records that a person destroyed paper data (R3.7).
#include <memory>

#include "commands.hpp"
#include "imcomply/purge.hpp"

namespace imcomply::purge_app {
namespace {

struct Options {
  std::int64_t id = 0;
  std::string method;
  std::optional<std::string> witness;
};

}  // namespace

void setup_confirm(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("confirm", "Record the destruction of a paper data item", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::purge_run);
    confirm_destroyed(s, o->id, o->method, o->witness);
    ctx.print(Document{{Record{"confirm", "", {{"item", "#", o->id}, {"method", ctx.t("Method", "方式"), o->method}}}}});
    return 0;
  });
  sub->add_option("item", o->id, "Data item id")->required();
  sub->add_option("--method", o->method, "How it was destroyed (shredded, …)")->required();
  cli::logins(sub->add_option("--witness", o->witness, "Who saw it done"));
}

}  // namespace imcomply::purge_app
