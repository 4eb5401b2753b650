#pragma once
// The roles of spec §6 and the one check that every writing command makes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/store.hpp"

namespace imcomply {

enum class Role { admin, auditor, head, secretary, chief, officer };

std::string_view role_name(Role role);
/// "admin", "auditor", …; anything else throws RejectedInput naming the roles.
Role parse_role(std::string_view text);

/// The roles `login` holds now.
std::vector<Role> roles_of(Store& store, std::string_view login);

/// Throws NotPermitted (exit 4) unless the actor is on the roster and holds `role`.
void require_role(Store& store, const Actor& actor, Role role);

/// Who may do what (spec §6): the role a writing action ("acct.add") needs; nullopt for an action
/// the core checks case by case (one's own entries, a sign-off's role). Every action the programs
/// journal is in the table; any other throws std::logic_error, so a misspelt one cannot skip its check.
std::optional<Role> role_for(std::string_view action);

/// require_role for `action`'s role. The apps call it before reading their input, so that a
/// refusal (exit 4) comes before a rejection (exit 3); the core calls it again before writing.
void require_permission(Store& store, const Actor& actor, std::string_view action);

}  // namespace imcomply
