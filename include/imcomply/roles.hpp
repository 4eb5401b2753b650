#pragma once
// The roles of spec §6 and the one check that every writing command makes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/command.hpp"
#include "imcomply/store.hpp"

namespace imcomply {

std::string_view role_name(Role role);
/// "admin", "auditor", …; anything else throws RejectedInput naming the roles.
Role parse_role(std::string_view text);

/// The roles `login` holds now.
std::vector<Role> roles_of(Store& store, std::string_view login);

/// Throws NotPermitted (exit 4) unless the actor is on the roster and holds `role`.
void require_role(Store& store, const Actor& actor, Role role);

/// require_role for `command`'s role (spec §6), if it has one. The apps call it before reading
/// their input, so that a refusal (exit 4) comes before a rejection (exit 3); the write transaction
/// checks it again under the lock.
void require_permission(Store& store, const Actor& actor, Command command);

}  // namespace imcomply
