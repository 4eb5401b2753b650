#include "imcomply/roles.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "account_store.hpp"
#include "county_store.hpp"

namespace imcomply {
namespace {

constexpr std::string_view role_names[] = {"admin", "auditor", "head", "secretary", "chief", "officer"};

}  // namespace

std::string_view role_name(Role role) { return role_names[static_cast<int>(role)]; }

Role parse_role(std::string_view text) {
  for (std::size_t i = 0; i < std::size(role_names); ++i)
    if (role_names[i] == text) return static_cast<Role>(i);
  throw RejectedInput(fmt::format("unknown role \"{}\" (use admin, auditor, head, secretary, chief or officer)", text));
}

std::vector<Role> roles_of(Store& store, std::string_view login) {
  return account_store::load_roles(store, std::string(login));
}

void require_role(Store& store, const Actor& actor, Role role) {
  if (actor.login.empty())
    throw NotPermitted(fmt::format("OS user {} is not on this office's roster, so may not do this (needs the {} role)",
                                   actor.os_login, role_name(role)),
                       fmt::format("an administrator maps it: acct add LOGIN --name NAME --os-user {}", actor.os_login));
  const auto user = account_store::find_user(store, actor.login);
  if (!user)
    throw NotPermitted(fmt::format("{} is not on the roster, so may not do this (needs the {} role)", actor.login,
                                   role_name(role)),
                       "act as a person on the roster with --as LOGIN");
  if (std::find(user->roles.begin(), user->roles.end(), role) == user->roles.end())
    throw NotPermitted(fmt::format("{} does not hold the {} role this needs", actor.login, role_name(role)));
}

void require_permission(Store& store, const Actor& actor, Command command) {
  if (store.kind() == StoreKind::county) return county_store::require_writer(store, actor, command);
  if (const auto role = command_role(command)) require_role(store, actor, *role);
}

}  // namespace imcomply
