#include "imcomply/identity.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "store/identity_store.hpp"
#include "imcomply/roles.hpp"

namespace imcomply {

Caller this_caller() {
  const uid_t uid = ::getuid();  // the real uid: a setgid install changes only the group
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name &&
      *found->pw_name)
    return Caller{found->pw_name, uid == 0};
  return Caller{fmt::format("uid{}", uid), uid == 0};
}

Caller caller_of(Store& store) {
  if (const auto session = store.server_session()) return Caller{session->role, session->creator};
  return this_caller();
}

Actor resolve_actor(Store& store, const Caller& caller, const std::optional<std::string>& as,
                    const AccessSettings& access) {
  const auto own = identity_store::login_of(store, caller.os_user);
  if (!as || (own && *as == *own)) return Actor{own.value_or(""), caller.os_user};
  const bool service = access.service_user && *access.service_user == caller.os_user;
  const auto roles = own ? roles_of(store, *own) : std::vector<Role>{};
  const bool admin = std::find(roles.begin(), roles.end(), Role::admin) != roles.end();
  if (!caller.root && !service && !admin)
    throw NotPermitted(fmt::format("{} may not act --as {}: only an administrator, root or the service user may act "
                                   "on someone's behalf",
                                   own ? *own : "OS user " + caller.os_user, *as),
                       "run the command as yourself, without --as");
  return Actor{*as, caller.os_user};
}

void check_login(const std::string& login, const char* what) {
  if (login.empty()) throw RejectedInput(fmt::format("a {} may not be empty", what));
  const bool bad = std::any_of(login.begin(), login.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f || c == ' ' || c == ',';
  });
  if (bad) throw RejectedInput(fmt::format("{} \"{}\" may not contain spaces, commas or control characters", what, login));
}

}  // namespace imcomply
