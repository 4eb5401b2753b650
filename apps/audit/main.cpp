// audit: the monthly audit, reconciliation, Annexes 2 and 3, unannounced audits, incidents,
// reports and the journal's seals (spec §4, §7).
#include "commands.hpp"

int main(int argc, char** argv) {
  return imcomply::cli::main("audit", "audit: monthly audit, supervision, incidents, reports, seals", argc, argv,
                             [](imcomply::cli::Registry& r) {
                               using namespace imcomply::audit;
                               for (auto setup : {setup_import, setup_reconcile, setup_monthly, setup_record,
                                                  setup_sign, setup_plan, setup_conduct, setup_supervision,
                                                  setup_incident, setup_report, setup_verify, setup_seal,
                                                  setup_keygen})
                                 setup(r);
                             });
}
