#pragma once
// The nightly run and one setup function per subcommand of purge, each in the file named after it.
#include "common/cli.hpp"

namespace imcomply::purge_app {

void setup_run(cli::Registry& r);
void setup_hold(cli::Registry& r);
void setup_confirm(cli::Registry& r);
void setup_history(cli::Registry& r);

}  // namespace imcomply::purge_app
