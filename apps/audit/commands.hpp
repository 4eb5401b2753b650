#pragma once
// One setup function per subcommand of audit, each in the file named after it.
#include "common/cli.hpp"

namespace imcomply::audit {

void setup_import(cli::Registry& r);
void setup_reconcile(cli::Registry& r);
void setup_monthly(cli::Registry& r);
void setup_record(cli::Registry& r);
void setup_sign(cli::Registry& r);
void setup_plan(cli::Registry& r);
void setup_conduct(cli::Registry& r);
void setup_supervision(cli::Registry& r);
void setup_incident(cli::Registry& r);
void setup_report(cli::Registry& r);
void setup_verify(cli::Registry& r);
void setup_seal(cli::Registry& r);
void setup_keygen(cli::Registry& r);

}  // namespace imcomply::audit
