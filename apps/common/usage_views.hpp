#pragma once
// Usage-log entries and obtained data as tables: qlog list, qlog data list, acct handover.
#include <vector>

#include "common/cli.hpp"
#include "imcomply/usage.hpp"

namespace imcomply::cli {

Table entry_table(Context& ctx, const std::vector<UsageEntry>& entries);
Table data_table(Context& ctx, const std::vector<ObtainedData>& data);
/// What an import did (qlog import, audit import).
Document import_summary(Context& ctx, const ImportSummary& summary);

/// A core import: the file, its encoding, dry run or not.
using Importer = std::function<ImportSummary(Session&, const std::filesystem::path&, Encoding, bool)>;
/// The import subcommand qlog and audit share: FILE [--encoding auto|utf-8|big5] [--dry-run],
/// a bad --encoding a usage error (exit 2, before the permission for `action`), the summary printed.
/// Returns the subcommand, for options of one program's own.
CLI::App* add_import_command(Registry& r, Command command, std::string description, Importer import);

}  // namespace imcomply::cli
