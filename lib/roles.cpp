#include "imcomply/roles.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "store/account_store.hpp"
#include "store/county_store.hpp"
#include "imcomply/messages.hpp"

namespace imcomply {
namespace {

constexpr std::string_view role_names[] = {"admin", "auditor", "head", "secretary", "chief", "officer"};

}  // namespace

std::string_view role_name(Role role) { return role_names[static_cast<int>(role)]; }

Role parse_role(std::string_view text) {
  for (std::size_t i = 0; i < std::size(role_names); ++i)
    if (names_term(text, role_names[i])) return static_cast<Role>(i);
  throw RejectedInput(fmt::format("unknown role \"{}\" (use admin, auditor, head, secretary, chief or officer)", text));
}

std::vector<Role> roles_of(Store& store, std::string_view login) {
  return account_store::load_roles(store, std::string(login));
}

void require_role(Store& store, const Actor& actor, Role role) {
  const Text needed = term(role_name(role));
  if (actor.login.empty())
    throw NotPermitted(text(Msg::os_user_not_on_roster, {actor.os_login, needed}),
                       text(Msg::map_os_user_hint, {actor.os_login}));
  const auto user = account_store::find_user(store, actor.login);
  if (!user) throw NotPermitted(text(Msg::login_not_on_roster, {actor.login, needed}), text(Msg::act_as_hint));
  if (std::find(user->roles.begin(), user->roles.end(), role) == user->roles.end())
    throw NotPermitted(text(Msg::role_missing, {actor.login, needed}));
}

void require_permission(Store& store, const Actor& actor, Command command) {
  if (store.kind() == StoreKind::county) return county_store::require_writer(store, actor, command);
  if (const auto role = command_role(command)) require_role(store, actor, *role);
}

}  // namespace imcomply
