// purge [--dry-run] [--quiet]: what cron runs every night. One summary line on stdout (with
// --quiet, only when something needs a person, so cron mails only then), the details with
// --format json; exit 1 while paper data waits for a person.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/purge.hpp"
#include "imcomply/text.hpp"

namespace imcomply::purge_app {
namespace {

struct Options {
  bool dry_run = false;
  bool quiet = false;
  int batch = 500;
};

}  // namespace

void setup_run(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  r.app().add_flag("--dry-run", o->dry_run, "Count what would go; change nothing");
  r.app().add_option("--batch", o->batch, "Rows deleted per transaction (another writer waits at most one batch)")
      ->check(CLI::Range(1, 100000));
  cli::add_quiet_flag(&r.app(), o->quiet);
  r.set_default([o](cli::Context& ctx) {
    auto s = o->dry_run ? ctx.session() : ctx.session(Command::purge_run);
    const PurgeResult result = purge(s, o->dry_run, o->batch);
    if (o->quiet && !result.needs_person()) return 0;
    if (ctx.format() == Format::table) {
      std::string parts;
      for (const auto& c : result.counts)
        if (c.kind != "paper") parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", c.count, c.kind);
      std::cout << fmt::format("purge{}: {} removed (due up to {}, run {}); {} held; {} paper item(s) to destroy by hand{}\n",
                               result.dry_run ? " --dry-run" : "", parts, format_date(result.cutoff), result.run_id,
                               result.counts[0].held + result.counts[1].held, result.paper.size(),
                               result.problems.empty() ? "" : fmt::format("; {} problem(s)", result.problems.size()));
      for (const auto& p : result.paper)
        std::cout << fmt::format("  paper #{}: {} ({}), destroy by {}; then: purge confirm {} --method TEXT\n", p.id,
                                 printable(p.description), printable(p.login), format_date(p.destroy_by), p.id);
      for (const auto& p : result.problems) std::cout << "  problem: " << printable(p) << '\n';
    } else {
      Table counts{"counts", "", {{"kind", "kind"}, {"count", "count"}, {"held", "held"}, {"first", "first"}, {"last", "last"}}, {}};
      for (const auto& c : result.counts)
        counts.rows.push_back({c.kind, c.count, c.held, c.first ? Cell(format_date(*c.first)) : Cell(),
                               c.last ? Cell(format_date(*c.last)) : Cell()});
      Table paper{"paper", "", {{"id", "id"}, {"login", "login"}, {"description", "description"}, {"destroy_by", "destroy_by"}}, {}};
      for (const auto& p : result.paper) paper.rows.push_back({p.id, p.login, p.description, format_date(p.destroy_by)});
      Table problems{"problems", "", {{"problem", "problem"}}, {}};
      for (const auto& p : result.problems) problems.rows.push_back({p});
      Record run{"run", "", {{"run_id", "run_id", result.run_id}, {"dry_run", "dry_run", result.dry_run},
                              {"cutoff", "cutoff", format_date(result.cutoff)}, {"journal", "journal", result.journal_hash},
                              {"longest_batch_ms", "longest_batch_ms", result.longest_batch_ms}}};
      ctx.print(Document{{run, counts, paper, problems}});
    }
    return result.needs_person() ? 1 : 0;
  });
}

}  // namespace imcomply::purge_app
