// audit import: the system audit log (稽核日誌) downloaded each month (R4.3), all or nothing.
#include "commands.hpp"
#include "common/usage_views.hpp"
#include "imcomply/system_log.hpp"

namespace imcomply::audit {

void setup_import(cli::Registry& r) {
  cli::add_import_command(r, Command::audit_import,
                          "Import the system audit log (CSV, UTF-8 or Big5); subjects kept only hashed and masked",
                          &import_system_log);
}

}  // namespace imcomply::audit
