#pragma once
// spec §4 "a signed form is frozen": a change to the records a signed form covers is refused
// (exit 3) naming the sign-off, unless it is made after signing with a reason (a late entry found
// on paper); the form then shows 簽核後異動 and the change until it is signed again.
//
// One sign-off already freezes the form: whoever signed attested to what it said then, so no
// record under their signature changes silently, whether or not the others have signed yet.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/dates.hpp"

namespace imcomply {

/// --after-signing --reason TEXT: the change is made though the form is signed, and recorded.
struct AfterSigning {
  std::string reason;
};

/// One change made to a signed form's records, as the form shows it under 簽核後異動.
struct FormChange {
  std::int64_t id = 0;
  std::string action;  ///< the command: qlog.add, qlog.import, audit.record, …
  std::string change;  ///< what changed, in words
  std::string reason;
  Instant recorded_at{};
  std::string recorded_by;
};

}  // namespace imcomply
