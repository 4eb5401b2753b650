#pragma once
// lib/ only: the rule of spec §4 "a signed form is frozen", shared by Annex 1 (usage.cpp) and
// Annex 2 (the audit record). Every function reads through the store of the command's open
// write transaction, so the check and the write it guards cannot race.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/signed_forms.hpp"
#include "imcomply/usage.hpp"
#include "store/signed_form_store.hpp"

namespace imcomply::signed_forms {

enum class Form { annex1, annex2 };

/// A sign-off as the refusal names it.
struct Signature {
  std::string role, login;
  Instant signed_at{};
};

/// A change to the records of `form` for `month`, inside its transaction. Unsigned: nothing to do.
/// Signed without `after`: refused (exit 3) naming the sign-offs. Signed with `after`: the change
/// is recorded with its reason (journaled), which makes the sign-offs stale.
void guard_change(WriteTransaction& tx, Form form, const Month& month, const std::vector<Signature>& signatures,
                  const std::string& change, const std::optional<AfterSigning>& after);

/// What was changed after signing, and who signed again since.
struct State {
  std::vector<FormChange> changes;  ///< oldest first
  std::vector<signed_form_store::Renewal> renewals;

  std::int64_t last_change() const { return changes.empty() ? 0 : changes.back().id; }
  /// The last change that `role`'s newest signature covers (0: it signed before any change).
  std::int64_t seen_by(std::string_view role) const;
  /// A role that signed before the last change and has not signed again.
  bool stale(std::string_view role) const { return seen_by(role) < last_change(); }
  const signed_form_store::Renewal* latest_renewal(std::string_view role) const;
};
State state_of(Store& store, Form form, const Month& month);

/// Brings a form's first sign-offs up to date: each role's newest signature, stale or not; returns
/// the changes some signer has not seen, which the form shows under 簽核後異動.
template <class Signoff, class RoleName>
std::vector<FormChange> apply_state(const State& state, std::vector<Signoff>& signoffs, RoleName role_name) {
  std::int64_t oldest_seen = state.last_change();
  for (auto& s : signoffs) {
    const std::string_view role = role_name(s.role);
    if (const auto* renewal = state.latest_renewal(role)) {
      s.login = renewal->login;
      s.name = renewal->name;
      s.signed_at = renewal->signed_at;
    }
    s.stale = state.stale(role);
    oldest_seen = std::min(oldest_seen, state.seen_by(role));
  }
  std::vector<FormChange> unseen;
  for (const auto& c : state.changes)
    if (c.id > oldest_seen) unseen.push_back(c);
  return unseen;
}

/// The signature of `role` when its first one exists already: refused while it is current;
/// renewed (covering every change so far) when the form changed after it.
void renew_signature(WriteTransaction& tx, Form form, const Month& month, std::string_view role,
                     const std::optional<std::string>& checkpoint, std::string_view form_title);
/// After a role's first signature on a form that has changes already: it covers them.
void cover_changes(WriteTransaction& tx, Form form, const Month& month, std::string_view role,
                   const std::optional<std::string>& checkpoint);

}  // namespace imcomply::signed_forms
