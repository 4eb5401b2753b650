#pragma once
// Who runs a command, and whom it acts for (spec §1 "actor", §6).
#include <optional>
#include <string>

#include "imcomply/config.hpp"
#include "imcomply/store.hpp"

namespace imcomply {

/// The OS user running the program: the real uid's passwd name, never $USER; on the central
/// store, the session's database role.
struct Caller {
  std::string os_user;  ///< "uid1234" when the uid has no passwd entry
  bool root = false;
};

/// The caller of this process.
Caller this_caller();
/// The caller of a command on `store`: on the central store the database session's role (the
/// tenant's creator counting as root), on a file this process's OS user (spec §1, §10).
Caller caller_of(Store& store);

/// The actor of a command: `as` when given (on-behalf-of, allowed only for a caller who holds
/// admin, for root and for the service user; else NotPermitted), otherwise the caller's roster
/// login. An unmapped caller gets an empty login: it may read, and every write refuses it.
Actor resolve_actor(Store& store, const Caller& caller, const std::optional<std::string>& as,
                    const AccessSettings& access);

/// A login or OS user name as the roster takes it: not empty, no spaces, commas or control characters.
void check_login(const std::string& login, const char* what = "login");

}  // namespace imcomply
