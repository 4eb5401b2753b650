// county: the county's supervision of its offices, and the witness of their journals (spec §9).
#include "commands.hpp"

int main(int argc, char** argv) {
  return imcomply::cli::main("county", "county: the county's offices, their collected files, status and Annex 3", argc,
                             argv, [](imcomply::cli::Registry& r) {
                               using namespace imcomply::county_app;
                               for (auto setup : {setup_init, setup_office, setup_collect, setup_status,
                                                  setup_supervision, setup_report})
                                 setup(r);
                             });
}
