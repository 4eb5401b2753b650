#pragma once
// How acct shows its values: the tables and records that several subcommands print.
#include <string>
#include <vector>

#include "common/cli.hpp"
#include "imcomply/accounts.hpp"

namespace imcomply::acct {

std::string roles_text(const std::vector<Role>& roles);
/// "1 day", "3 days" (3 日).
Text days(int n);
/// A one-line confirmation of a change, as a record (JSON for scripts).
Document done(cli::Context& ctx, std::string what, std::vector<Field> fields = {});
Table user_table(cli::Context& ctx, const std::vector<User>& users, const std::vector<Application>& open);
/// "on time", "LATE by 2 days", "BACKDATED: recorded 2026-11-29, LATE by 5 days"; null without a deadline.
Cell termination_state(cli::Context& ctx, const Termination& t);
/// `acct due`; with answered duty changes (due --all), their termination's columns filled in.
Table pending_table(cli::Context& ctx, const std::vector<PendingTermination>& pending);

}  // namespace imcomply::acct
