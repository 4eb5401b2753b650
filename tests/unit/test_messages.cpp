#include "imcomply/messages.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "imcomply/accounts.hpp"
#include "imcomply/error.hpp"
#include "imcomply/items.hpp"
#include "imcomply/render.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/usage.hpp"

using namespace imcomply;

namespace {

bool has_cjk(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
}

/// Every name of an enumeration, through its own name function.
template <class Enum, class Name>
std::vector<std::string> names_of(int count, Name name) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.emplace_back(name(static_cast<Enum>(i)));
  return out;
}

}  // namespace

TEST_CASE("catalogue: every message has an English and a Chinese template") {
  for (int i = 0; i < static_cast<int>(Msg::count_); ++i) {
    const auto m = static_cast<Msg>(i);
    CAPTURE(i);
    CHECK(!message(m, Lang::en).empty());
    CHECK(!message(m, Lang::zh_tw).empty());
    CHECK(message(m, Lang::en) != message(m, Lang::zh_tw));
  }
}

TEST_CASE("catalogue: every fixed value has a Chinese name, and no English value is there twice") {
  std::set<std::string_view> seen;
  for (const Term& t : terms()) {
    CAPTURE(t.en);
    CHECK(!t.en.empty());
    CHECK(has_cjk(t.zh_tw));
    CHECK(seen.insert(t.en).second);
  }
}

TEST_CASE("catalogue: every status, stage, duty change, reason, role and item has a Chinese name") {
  std::vector<std::string> all;
  for (auto& n : names_of<AccountStatus>(5, status_name)) all.push_back(n);
  for (auto& n : names_of<Stage>(4, stage_name)) all.push_back(n);
  for (auto& n : names_of<DutyChangeKind>(5, duty_change_name)) all.push_back(n);
  for (auto& n : names_of<TerminationReason>(5, termination_reason_name)) all.push_back(n);
  for (auto& n : names_of<Role>(6, role_name)) all.push_back(n);
  for (const Item item : all_items) all.emplace_back(item_name(item));
  for (const auto& english : all) {
    CAPTURE(english);
    CHECK(has_cjk(term(english, Lang::zh_tw)));
    CHECK(term(english, Lang::en) == english);
  }
}

TEST_CASE("catalogue: the regulation's words for duty changes, roles and stages") {
  CHECK(term("transfer", Lang::zh_tw) == "調職");
  CHECK(term("suspension", Lang::zh_tw) == "停職");
  CHECK(term("reassignment", Lang::zh_tw) == "業務調整");
  CHECK(term("head", Lang::zh_tw) == "主任");
  CHECK(term("officer", Lang::zh_tw) == "承辦人員");
  CHECK(term("county", Lang::zh_tw) == "民政處");
  CHECK(term("entry-exit", Lang::zh_tw) == "入出境資訊");
}

TEST_CASE("catalogue: an event and a list are shown word by word; other text as it is") {
  CHECK(term("approved: head", Lang::zh_tw) == "核准：主任");
  CHECK(term("duty change: transfer", Lang::zh_tw) == "職務異動：調職");
  CHECK(term("entry-exit,foreigner", Lang::zh_tw) == "入出境資訊、外籍人士居停留資訊");
  CHECK(term("admin,auditor", Lang::zh_tw) == "系統管理人員、稽核人員");
  CHECK(term("wang", Lang::zh_tw) == "wang");
  CHECK(term("admin,wang", Lang::zh_tw) == "admin,wang");  // not every word is a fixed value
  CHECK(term("approved: head", Lang::en) == "approved: head");
}

TEST_CASE("catalogue: the Chinese name of each kind, reason, status, stage and role reads back as its value") {
  for (int i = 0; i < 5; ++i) {
    const auto kind = static_cast<DutyChangeKind>(i);
    CHECK(parse_duty_change(term(duty_change_name(kind), Lang::zh_tw)) == kind);
    CHECK(parse_duty_change(duty_change_name(kind)) == kind);
    const auto reason = static_cast<TerminationReason>(i);
    CHECK(parse_termination_reason(term(termination_reason_name(reason), Lang::zh_tw)) == reason);
    const auto status = static_cast<AccountStatus>(i);
    CHECK(parse_status(term(status_name(status), Lang::zh_tw)) == status);
  }
  for (int i = 0; i < 4; ++i) {
    const auto stage = static_cast<Stage>(i);
    CHECK(parse_stage(term(stage_name(stage), Lang::zh_tw)) == stage);
  }
  for (int i = 0; i < 6; ++i) {
    const auto role = static_cast<Role>(i);
    CHECK(parse_role(term(role_name(role), Lang::zh_tw)) == role);
  }
  for (const Item item : all_items) CHECK(parse_item(term(item_name(item), Lang::zh_tw)) == item);
  CHECK(parse_duty_change("調職") == DutyChangeKind::transfer);
}

TEST_CASE("catalogue: an unknown kind is refused in both languages, naming the choices") {
  try {
    parse_duty_change("轉職");
    FAIL("accepted");
  } catch (const RejectedInput& e) {
    CHECK(std::string(e.what()) == "unknown kind of duty change \"轉職\" (use reassignment, transfer, suspension, resignation, retirement)");
    CHECK(e.text().zh_tw == "沒有「轉職」這種異動種類（請用業務調整、調職、停職、離職、退職）");
  }
}

TEST_CASE("catalogue: text() formats both languages, each argument in its own") {
  const Text t = text(Msg::role_missing, {std::string("wang"), term("admin")});
  CHECK(t.en == "wang does not hold the admin role this needs");
  CHECK(t.zh_tw == "wang 未具此項作業所需之系統管理人員角色");
}

TEST_CASE("catalogue: an error from the catalogue keeps its English what() and carries the Chinese") {
  const RejectedInput e(text(Msg::unknown_user, {std::string("xyz")}), text(Msg::see_acct_list));
  CHECK(std::string(e.what()) == "unknown user xyz");
  CHECK(e.hint() == "see: acct list");
  CHECK(e.text().in(Lang::zh_tw) == "使用者名冊上沒有 xyz");
  CHECK(e.hint_text().in(Lang::zh_tw) == "請見：acct list");
  const RejectedInput plain("only English");
  CHECK(plain.text().in(Lang::zh_tw) == "only English");
}

TEST_CASE("months: ROC and Chinese forms read as the same month") {
  for (const char* form : {"2026-11", "2026/11", "115-11", "115/11", "115.11", "115年11月", "民國115年11月", " 115年11月 "}) {
    CAPTURE(form);
    const Month m = parse_month(form);
    CHECK(m.year == 2026);
    CHECK(m.month == 11);
  }
  CHECK_THROWS_AS(parse_month("115年13月"), RejectedInput);
  CHECK_THROWS_AS(parse_month("115年11月1日"), RejectedInput);
  CHECK_THROWS_AS(parse_month("11月"), RejectedInput);
}

TEST_CASE("catalogue: a bad month is refused in both languages") {
  try {
    parse_month("Nov");
    FAIL("accepted");
  } catch (const RejectedInput& e) {
    CHECK(std::string(e.what()) == "not a month: \"Nov\" (use 2026-11, 115/11 or 115年11月)");
    CHECK(has_cjk(e.text().zh_tw));
  }
}

TEST_CASE("render: (none) and yes/no in the table format follow the language; JSON and CSV do not") {
  const Document doc{{Table{"t", "", {{"done", "Done"}}, {}}, Record{"r", "", {{"ok", "OK", true}}}}};
  std::ostringstream zh, en, json;
  render(zh, doc, Format::table, 0, Lang::zh_tw);
  render(en, doc, Format::table, 0);
  render(json, doc, Format::json, 0, Lang::zh_tw);
  CHECK(zh.str().find("（無）") != std::string::npos);
  CHECK(zh.str().find("OK: 是") != std::string::npos);
  CHECK(en.str().find("(none)") != std::string::npos);
  CHECK(en.str().find("OK: yes") != std::string::npos);
  CHECK(json.str().find("\"ok\": true") != std::string::npos);
}
