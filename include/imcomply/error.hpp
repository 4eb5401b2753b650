#pragma once
// The core's typed errors. apps/common maps each to its exit code, once (spec §1).
#include <stdexcept>
#include <string>

#include "imcomply/messages.hpp"

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

/// Base of every error the core throws; what() is one line, hint() an optional second. An error
/// from the catalogue (messages.hpp) carries its Chinese too; any other is English in both.
class Error : public std::runtime_error {
 public:
  Error(ExitStatus status, const std::string& what, std::string hint = {})
      : std::runtime_error(what), status_(status), text_(what), hint_(std::move(hint)) {}
  Error(ExitStatus status, Text what, Text hint)
      : std::runtime_error(what.en), status_(status), text_(std::move(what)), hint_(std::move(hint)) {}
  ExitStatus status() const noexcept { return status_; }
  const std::string& hint() const noexcept { return hint_.en; }
  /// what() and hint() in both languages, for the one place that prints them.
  const Text& text() const noexcept { return text_; }
  const Text& hint_text() const noexcept { return hint_; }

 private:
  ExitStatus status_;
  Text text_;
  Text hint_;
};

struct UsageError : Error {
  explicit UsageError(const std::string& what, std::string hint = {})
      : Error(ExitStatus::usage, what, std::move(hint)) {}
  UsageError(Text what, Text hint) : Error(ExitStatus::usage, std::move(what), std::move(hint)) {}
  explicit UsageError(Text what) : Error(ExitStatus::usage, std::move(what), Text()) {}
};
struct RejectedInput : Error {
  explicit RejectedInput(const std::string& what, std::string hint = {})
      : Error(ExitStatus::rejected, what, std::move(hint)) {}
  RejectedInput(Text what, Text hint) : Error(ExitStatus::rejected, std::move(what), std::move(hint)) {}
  explicit RejectedInput(Text what) : Error(ExitStatus::rejected, std::move(what), Text()) {}
};
struct NotPermitted : Error {
  explicit NotPermitted(const std::string& what, std::string hint = {})
      : Error(ExitStatus::not_permitted, what, std::move(hint)) {}
  NotPermitted(Text what, Text hint) : Error(ExitStatus::not_permitted, std::move(what), std::move(hint)) {}
  explicit NotPermitted(Text what) : Error(ExitStatus::not_permitted, std::move(what), Text()) {}
};
struct Busy : Error {
  explicit Busy(const std::string& what, std::string hint = {})
      : Error(ExitStatus::busy, what, std::move(hint)) {}
  Busy(Text what, Text hint) : Error(ExitStatus::busy, std::move(what), std::move(hint)) {}
  explicit Busy(Text what) : Error(ExitStatus::busy, std::move(what), Text()) {}
};
struct StorageError : Error {
  explicit StorageError(const std::string& what, std::string hint = {})
      : Error(ExitStatus::storage, what, std::move(hint)) {}
  StorageError(Text what, Text hint) : Error(ExitStatus::storage, std::move(what), std::move(hint)) {}
  explicit StorageError(Text what) : Error(ExitStatus::storage, std::move(what), Text()) {}
};

}  // namespace imcomply
