#include "imcomply/roles.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "account_store.hpp"

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

std::optional<Role> role_for(std::string_view action) {
  struct Permission {
    std::string_view action;
    std::optional<Role> role;  ///< nullopt: the core checks who may, case by case
  };
  static constexpr Permission table[] = {
      {"acct.init", std::nullopt},  // creates the database and its first administrator
      {"acct.add", Role::admin},           {"acct.role", Role::admin},
      {"acct.deputy", Role::admin},        {"acct.apply", Role::admin},
      {"acct.approve", Role::admin},       {"acct.change", Role::admin},
      {"acct.terminate", Role::admin},     {"acct.cert-lost", Role::admin},
      {"acct.suspend", Role::admin},       {"acct.reinstate", Role::admin},
      {"acct.agency.register", Role::admin}, {"acct.agency.approve", Role::admin},
      {"acct.review.start", Role::admin},  {"acct.review.decide", Role::admin},
      {"acct.review.close", Role::admin},  {"acct.backup", Role::admin},
      {"acct.handover", Role::admin},      {"qlog.import", Role::admin},
      // One's own entries, or an administrator's for anyone (spec §6).
      {"qlog.open", std::nullopt},         {"qlog.close", std::nullopt},
      {"qlog.add", std::nullopt},          {"qlog.data.add", std::nullopt},
      // A sign-off needs the role it is signed as.
      {"qlog.sign", std::nullopt},         {"audit.sign", std::nullopt},
      {"audit.import", Role::auditor},     {"audit.record", Role::auditor},
      {"audit.plan", Role::auditor},       {"audit.conduct", Role::auditor},
      {"audit.incident", Role::auditor},   {"audit.seal", Role::auditor},
      {"audit.keygen", Role::auditor},
      {"purge", Role::admin},              {"purge.hold", Role::admin},
      {"purge.confirm", Role::admin},
  };
  for (const auto& p : table)
    if (p.action == action) return p.role;
  // A misspelt action would otherwise skip its check: fail loudly, in the tests first.
  throw std::logic_error(fmt::format("unknown action \"{}\" (add it to role_for's table)", action));
}

void require_permission(Store& store, const Actor& actor, std::string_view action) {
  if (const auto role = role_for(action)) require_role(store, actor, *role);
}

}  // namespace imcomply
