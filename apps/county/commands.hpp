#pragma once
// One setup function per subcommand of county, each in the file named after it.
#include "common/cli.hpp"

namespace imcomply::county_app {

void setup_init(cli::Registry& r);
void setup_office(cli::Registry& r);
void setup_collect(cli::Registry& r);
void setup_status(cli::Registry& r);
void setup_supervision(cli::Registry& r);
void setup_report(cli::Registry& r);

}  // namespace imcomply::county_app
