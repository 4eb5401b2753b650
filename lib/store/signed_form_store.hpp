#pragma once
// lib/ only: the SQL behind signed_forms.cpp (migration 0008).
#include <optional>
#include <string>
#include <vector>

#include "imcomply/signed_forms.hpp"
#include "imcomply/store.hpp"

namespace imcomply::signed_form_store {

/// A signature renewed after changes; it covers every change up to seen_change.
struct Renewal {
  std::string role, login, name;
  Instant signed_at{};
  std::int64_t seen_change = 0;
};

/// form: "annex1" | "annex2"; month: "2026-11".
std::int64_t insert_change(WriteTransaction& tx, std::string_view form, const std::string& month, std::string_view action,
                           const std::string& change, const std::string& reason);
std::vector<FormChange> changes_of(Store& store, std::string_view form, const std::string& month);
void insert_renewal(WriteTransaction& tx, std::string_view form, const std::string& month, std::string_view role,
                    const std::optional<std::string>& checkpoint, std::int64_t seen_change);
/// Oldest first.
std::vector<Renewal> renewals_of(Store& store, std::string_view form, const std::string& month);

}  // namespace imcomply::signed_form_store
