#pragma once
// The roles of spec §6 and the one check that every writing command makes.
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

}  // namespace imcomply
