#pragma once
// lib/ only: the roster's OS-user mapping (table os_accounts).
#include <optional>
#include <string>

#include "imcomply/store.hpp"

namespace imcomply::identity_store {

/// The roster login the OS user acts as: its mapping, else a login of the same name that has no
/// mapping of its own.
std::optional<std::string> login_of(Store& store, const std::string& os_user);
/// The OS user a roster login is mapped to (its own name when it has no mapping).
std::string os_user_of(Store& store, const std::string& login);
void insert_mapping(WriteTransaction& tx, const std::string& login, const std::string& os_user);

}  // namespace imcomply::identity_store
