#pragma once
// lib/ only: account transitions inside a caller's transaction, for the rules of other modules
// (an audit incident suspends or terminates through the same code as acct).
#include "imcomply/accounts.hpp"

namespace imcomply::detail {

/// Terminates an account; answers a pending duty change if there is one; clears it as a deputy.
Termination terminate_in(WriteTransaction& tx, Session& s, const User& user, TerminationReason reason, Date on);
/// Suspends an active account (R5).
void suspend_in(WriteTransaction& tx, Session& s, const User& user, const std::string& reason);

}  // namespace imcomply::detail
