// acct: the roster, account applications, duty changes and the six-day deadline (spec §2).
#include "commands.hpp"

int main(int argc, char** argv) {
  return imcomply::cli::main("acct", "acct: roster, applications, duty changes, terminations, reviews", argc, argv,
                             [](imcomply::cli::Registry& r) {
                               using namespace imcomply::acct;
                               for (auto setup : {setup_init, setup_add, setup_role, setup_list, setup_show,
                                                  setup_roster, setup_deputy, setup_apply, setup_approve,
                                                  setup_change, setup_terminate, setup_due, setup_cert_lost,
                                                  setup_suspend, setup_reinstate, setup_agency, setup_review,
                                                  setup_backup, setup_migrate, setup_handover})
                                 setup(r);
                             });
}
