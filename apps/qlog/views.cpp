#include <fmt/format.h>

#include "commands.hpp"

namespace imcomply::qlog {

void EntryOptions::add_to(CLI::App* sub) {
  cli::logins(sub->add_option("--user", user, "Whose query (default: whoever acts)"));
  cli::choices(sub->add_option("--item", item, "entry-exit, mainland or foreigner (or the Chinese name)"), cli::item_names())
      ->required();
  sub->add_option("--purpose", purpose, "資料查詢用途: what the query was for")->required();
  sub->add_option("--basis", basis, "法令依據: the legal basis");
  sub->add_option("--case", case_ref, "案號: the case number");
}

NewEntry EntryOptions::entry(const Actor& actor) const {
  NewEntry e;
  e.login = user.value_or(actor.login);
  e.item = parse_item(item);
  e.purpose = purpose;
  e.basis = basis;
  e.case_ref = case_ref;
  return e;
}

}  // namespace imcomply::qlog
