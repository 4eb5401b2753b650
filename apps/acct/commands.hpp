#pragma once
// One setup function per subcommand of acct, each in the file named after it.
#include "common/cli.hpp"

namespace imcomply::acct {

void setup_init(cli::Registry& r);
void setup_add(cli::Registry& r);
void setup_role(cli::Registry& r);
void setup_list(cli::Registry& r);
void setup_show(cli::Registry& r);
void setup_roster(cli::Registry& r);
void setup_deputy(cli::Registry& r);
void setup_apply(cli::Registry& r);
void setup_approve(cli::Registry& r);
void setup_change(cli::Registry& r);
void setup_terminate(cli::Registry& r);
void setup_due(cli::Registry& r);
void setup_cert_lost(cli::Registry& r);
void setup_suspend(cli::Registry& r);
void setup_reinstate(cli::Registry& r);
void setup_agency(cli::Registry& r);
void setup_review(cli::Registry& r);
void setup_backup(cli::Registry& r);
void setup_migrate(cli::Registry& r);
void setup_handover(cli::Registry& r);

}  // namespace imcomply::acct
