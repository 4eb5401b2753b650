#pragma once
// The core's typed errors. apps/common maps each to its exit code, once (spec §1).
#include <stdexcept>
#include <string>

namespace imcomply {

/// Exit codes shared by every program (spec §1).
enum class ExitStatus : int {
  ok = 0,
  needs_action = 1,  ///< ran and found something that needs a person: overdue, finding, failed check
  usage = 2,
  rejected = 3,      ///< invalid input or a rule violated; nothing written
  not_permitted = 4,
  busy = 5,          ///< database locked past --wait; nothing written
  storage = 6,
};

/// Base of every error the core throws; what() is one line, hint() an optional second.
class Error : public std::runtime_error {
 public:
  Error(ExitStatus status, const std::string& what, std::string hint = {})
      : std::runtime_error(what), status_(status), hint_(std::move(hint)) {}
  ExitStatus status() const noexcept { return status_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  ExitStatus status_;
  std::string hint_;
};

struct UsageError : Error {
  explicit UsageError(const std::string& what, std::string hint = {})
      : Error(ExitStatus::usage, what, std::move(hint)) {}
};
struct RejectedInput : Error {
  explicit RejectedInput(const std::string& what, std::string hint = {})
      : Error(ExitStatus::rejected, what, std::move(hint)) {}
};
struct NotPermitted : Error {
  explicit NotPermitted(const std::string& what, std::string hint = {})
      : Error(ExitStatus::not_permitted, what, std::move(hint)) {}
};
struct Busy : Error {
  explicit Busy(const std::string& what, std::string hint = {})
      : Error(ExitStatus::busy, what, std::move(hint)) {}
};
struct StorageError : Error {
  explicit StorageError(const std::string& what, std::string hint = {})
      : Error(ExitStatus::storage, what, std::move(hint)) {}
};

}  // namespace imcomply
