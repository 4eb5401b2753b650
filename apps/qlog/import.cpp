// qlog import: a usage-log CSV from Excel, all or nothing (spec §3).
#include "commands.hpp"
#include "common/usage_views.hpp"

namespace imcomply::qlog {

void setup_import(cli::Registry& r) {
  cli::add_import_command(r, "qlog.import", "Import a usage-log CSV (UTF-8 or Big5); a bad row rejects the file",
                          &import_entries);
}

}  // namespace imcomply::qlog
