// qlog data: data obtained by a query, filed with a case or due for destruction (R3.7).
#include <memory>

#include "commands.hpp"

namespace imcomply::qlog {
namespace {

struct Options {
  std::int64_t entry = 0;
  std::string desc;
  std::optional<std::string> filed, destroy_by, file;
  bool pending = false;
  bool quiet = false;
  cli::AfterSigningOptions late;
};

}  // namespace

void setup_data(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* group = r.group("data", "Data obtained by queries (R3.7): add, list");
  auto* add = r.add("add", "Record data obtained by an entry's query",
                    [o](cli::Context& ctx) {
                      auto s = ctx.session();
                      NewData d{o->entry, o->desc, o->filed, cli::date_flag(o->destroy_by, "--destroy-by"), o->file};
                      const auto id = add_data(s, d, o->late.value());
                      ctx.print(Document{{Record{"data", "", {{"id", "#", id}}}}});
                      return 0;
                    },
                    group);
  add->add_option("--entry", o->entry, "The usage-log entry that obtained it")->required();
  add->add_option("--desc", o->desc, "What it is")->required();
  auto* filed = add->add_option("--filed", o->filed, "Filed with a case under this archive number (隨文附卷)");
  add->add_option("--destroy-by", o->destroy_by, "Unfiled: destroy by the end of this day")->excludes(filed);
  cli::paths(add->add_option("--file", o->file, "An electronic copy that purge will destroy"))->excludes(filed);
  o->late.add_to(add);

  auto* list = r.add("list", "List obtained data; --pending: still to destroy; exit 1 if any is overdue",
                     [o](cli::Context& ctx) {
                       auto s = ctx.session();
                       const auto data = list_data(s, o->pending);
                       if (!(o->quiet && data.empty())) ctx.print(Document{{data_table(ctx, data)}});
                       for (const auto& d : data)
                         if (d.overdue) return 1;
                       return 0;
                     },
                     group);
  auto* pending = list->add_flag("--pending", o->pending, "Only unfiled data not yet destroyed");
  cli::add_quiet_flag(list, o->quiet)->needs(pending);
}

}  // namespace imcomply::qlog
