#pragma once
// What the audit's questions (questions.cpp) and its reports (audit.cpp) both label rows with.
#include <array>
#include <map>
#include <string>
#include <string_view>

#include "store/account_store.hpp"
#include "imcomply/session.hpp"

namespace imcomply::detail {

inline constexpr std::array<std::string_view, 7> weekday_keys = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::array<std::string_view, 7> weekday_labels = {"週日", "週一", "週二", "週三", "週四", "週五", "週六"};

/// Names of the roster by login, read once: reports label every row with one.
class Names {
 public:
  explicit Names(Session& s) {
    for (const auto& u : account_store::load_users(s.store, std::nullopt)) names_.emplace(u.login, u.name);
  }
  const std::string& operator()(const std::string& login) const {
    const auto found = names_.find(login);
    return found == names_.end() ? login : found->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

}  // namespace imcomply::detail
