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

}  // namespace imcomply::cli
