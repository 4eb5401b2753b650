#pragma once
// One setup function per subcommand of qlog, each in the file named after it.
#include "common/cli.hpp"
#include "common/usage_views.hpp"
#include "imcomply/usage.hpp"

namespace imcomply::qlog {

void setup_open(cli::Registry& r);
void setup_close(cli::Registry& r);
void setup_add(cli::Registry& r);
void setup_list(cli::Registry& r);
void setup_check(cli::Registry& r);
void setup_sign(cli::Registry& r);
void setup_sheet(cli::Registry& r);
void setup_import(cli::Registry& r);
void setup_data(cli::Registry& r);

using cli::data_table;
using cli::entry_table;

/// The fields of an entry shared by open and add.
struct EntryOptions {
  std::optional<std::string> user;
  std::string item, purpose;
  std::optional<std::string> basis, case_ref;
  void add_to(CLI::App* sub);
  /// The entry they describe; --user defaults to whoever acts.
  NewEntry entry(const Actor& actor) const;  ///< the actor's own entry unless --user names another
};

}  // namespace imcomply::qlog
