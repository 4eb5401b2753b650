// audit import: the system audit log (稽核日誌) downloaded each month (R4.3), all or nothing.
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"
#include "imcomply/system_log.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::string file;
  std::string encoding = "auto";
  bool dry_run = false;
};

}  // namespace

void setup_import(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("import", "Import the system audit log (CSV, UTF-8 or Big5); subjects kept only hashed and masked",
                    [o](cli::Context& ctx) {
                      const Encoding encoding = parse_encoding(o->encoding);
                      auto s = ctx.session("audit.import");
                      const ImportSummary sum = import_system_log(s, o->file, encoding, o->dry_run);
                      ctx.print(cli::import_summary(ctx, sum));
                      return 0;
                    });
  sub->add_option("file", o->file, "The CSV file")->required();
  sub->add_option("--encoding", o->encoding, "auto, utf-8 or big5");
  sub->add_flag("--dry-run", o->dry_run, "Check the file and report; write nothing");
}

}  // namespace imcomply::audit
