// qlog: the usage log of R3.3 and R4.1 (Annex 1), its imports, and the data obtained (spec §3).
#include "commands.hpp"

int main(int argc, char** argv) {
  return imcomply::cli::main("qlog", "qlog: the usage log, its Annex 1 sheet, imports and obtained data", argc, argv,
                             [](imcomply::cli::Registry& r) {
                               using namespace imcomply::qlog;
                               for (auto setup : {setup_open, setup_close, setup_add, setup_list, setup_check,
                                                  setup_sign, setup_sheet, setup_import, setup_data})
                                 setup(r);
                             });
}
