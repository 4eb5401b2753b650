// qlog import: a usage-log CSV from Excel, all or nothing (spec §3).
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"

namespace imcomply::qlog {

void setup_import(cli::Registry& r) {
  auto late = std::make_shared<cli::AfterSigningOptions>();
  auto* sub = cli::add_import_command(
      r, Command::qlog_import, "Import a usage-log CSV (UTF-8 or Big5); a bad row rejects the file",
      [late](Session& s, const std::filesystem::path& file, Encoding encoding, bool dry_run) {
        return import_entries(s, file, encoding, dry_run, late->value());
      });
  late->add_to(sub);
}

}  // namespace imcomply::qlog
