// qlog import: a usage-log CSV from Excel, all or nothing (spec §3).
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"

namespace imcomply::qlog {
namespace {

struct Options {
  std::string file;
  std::string encoding = "auto";
  bool dry_run = false;
};

}  // namespace

void setup_import(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("import", "Import a usage-log CSV (UTF-8 or Big5); a bad row rejects the file",
                    [o](cli::Context& ctx) {
                      const Encoding encoding = parse_encoding(o->encoding);
                      auto s = ctx.session("qlog.import");
                      const ImportSummary sum = import_entries(s, o->file, encoding, o->dry_run);
                      ctx.print(cli::import_summary(ctx, sum));
                      return 0;
                    });
  sub->add_option("file", o->file, "The CSV file")->required();
  sub->add_option("--encoding", o->encoding, "auto, utf-8 or big5");
  sub->add_flag("--dry-run", o->dry_run, "Check the file and report; write nothing");
}

}  // namespace imcomply::qlog
