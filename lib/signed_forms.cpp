#include "signed_forms_internal.hpp"

#include <fmt/format.h>

#include "imcomply/text.hpp"

namespace imcomply::signed_forms {
namespace {

std::string_view form_key(Form form) { return form == Form::annex1 ? "annex1" : "annex2"; }
std::string form_title(Form form, const Month& month) {
  return form == Form::annex1 ? fmt::format("the {} usage-log sheet (Annex 1)", month.text())
                              : fmt::format("the {} audit record (Annex 2)", month.text());
}

}  // namespace

void guard_change(WriteTransaction& tx, Form form, const Month& month, const std::vector<Signature>& signatures,
                  const std::string& change, const std::optional<AfterSigning>& after) {
  // An empty reason is refused whether or not the form is signed yet: a script that passes one
  // would otherwise learn only once a sign-off made it matter.
  if (after && trim(after->reason).empty()) throw RejectedInput("--reason is empty: say why the signed form changes");
  if (signatures.empty()) return;  // not signed: an ordinary change
  if (!after) {
    std::string who;
    for (const auto& s : signatures)
      who += fmt::format("{}{} {} at {}", who.empty() ? "" : ", ", s.role, s.login, format_time(s.signed_at));
    throw RejectedInput(fmt::format("{} is signed ({}): a signed form is frozen", form_title(form, month), who),
                        "a late change found on paper: give --after-signing --reason TEXT, and have the form signed again");
  }
  signed_form_store::insert_change(tx, form_key(form), month.text(), command_name(tx.command()), change, trim(after->reason));
}

std::int64_t State::seen_by(std::string_view role) const {
  const auto* renewal = latest_renewal(role);
  return renewal ? renewal->seen_change : 0;
}

const signed_form_store::Renewal* State::latest_renewal(std::string_view role) const {
  for (auto r = renewals.rbegin(); r != renewals.rend(); ++r)
    if (r->role == role) return &*r;
  return nullptr;
}

State state_of(Store& store, Form form, const Month& month) {
  return State{signed_form_store::changes_of(store, form_key(form), month.text()),
               signed_form_store::renewals_of(store, form_key(form), month.text())};
}

void renew_signature(WriteTransaction& tx, Form form, const Month& month, std::string_view role,
                     const std::optional<std::string>& checkpoint, std::string_view form_title) {
  const State state = state_of(tx.store(), form, month);
  if (!state.stale(role))
    throw RejectedInput(fmt::format("the {} {} is signed by its {} already", month.text(), form_title, role));
  signed_form_store::insert_renewal(tx, form_key(form), month.text(), role, checkpoint, state.last_change());
}

void cover_changes(WriteTransaction& tx, Form form, const Month& month, std::string_view role,
                   const std::optional<std::string>& checkpoint) {
  const State state = state_of(tx.store(), form, month);
  if (state.last_change() > 0)
    signed_form_store::insert_renewal(tx, form_key(form), month.text(), role, checkpoint, state.last_change());
}

}  // namespace imcomply::signed_forms
