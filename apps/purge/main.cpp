// purge: retention, legal holds and destruction records, safe to run from cron (spec §5).
#include "commands.hpp"

int main(int argc, char** argv) {
  return imcomply::cli::main("purge", "purge: remove what the retention allows, destroy data past its date, prove it",
                             argc, argv, [](imcomply::cli::Registry& r) {
                               using namespace imcomply::purge_app;
                               for (auto setup : {setup_run, setup_hold, setup_confirm, setup_history}) setup(r);
                             });
}
