#pragma once
// What every core command needs: the open store, the rules in force, who acts, and when.
#include "imcomply/config.hpp"
#include "imcomply/dates.hpp"
#include "imcomply/store.hpp"

#include <memory>

namespace imcomply {

struct Verification;

struct Session {
  Store& store;
  const Config& config;
  Actor actor;
  Instant now;  ///< read once per command, so that a command sees one moment
  /// verify() without anchors, once a command has needed it: see journal_verification().
  std::shared_ptr<const Verification> verification = nullptr;
};

}  // namespace imcomply
