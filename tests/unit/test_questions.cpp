// The official questions (questions.hpp): one evaluator each, over a period, whatever form asks.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "fixture.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/purge.hpp"
#include "imcomply/questions.hpp"
#include "imcomply/usage.hpp"

using namespace imcomply;
using test::OfficeDb;

namespace {

const Month november{2026, 11}, december{2026, 12}, october{2026, 10};

bool says(const Answer& a, std::string_view text) {
  return std::any_of(a.evidence.begin(), a.evidence.end(), [&](const auto& line) { return line.find(text) != std::string::npos; });
}

/// wang active since 11-02 (the fixture's office, chen its administrator).
struct QuestionOffice : OfficeDb {
  explicit QuestionOffice(std::string_view now = "2026-11-29T10:00", const std::string& since = "2026-11-02") : OfficeDb(now) {
    active_user("wang", "王小明", since);
  }
};

}  // namespace

// ---- 2. duty changes ----------------------------------------------------------------------

TEST_CASE("item 2: a termination within the six days conforms") {
  QuestionOffice office("2026-11-25T10:00");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, parse_date("2026-11-20"));
  terminate(s, "wang", TerminationReason::duty_change, parse_date("2026-11-25"));
  CHECK(duty_changes_question(s, Period::of(november)).conforms);
}

TEST_CASE("item 2: a deadline that passed in the month with the account active is 不符 even if terminated later") {
  QuestionOffice office("2026-11-20T10:00");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, parse_date("2026-11-20"));  // deadline 11-26
  s.now = parse_time("2026-12-03T10:00");
  terminate(s, "wang", TerminationReason::duty_change, parse_date("2026-12-03"));
  s.now = parse_time("2026-12-05T10:00");
  const auto a = duty_changes_question(s, Period::of(november));
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "逾期限 2026-11-26"));
  CHECK_FALSE(duty_changes_question(s, Period::of(december)).conforms);  // open until the 3rd
}

TEST_CASE("item 2: a deadline passed and not yet answered is 不符 for the month it passed in") {
  QuestionOffice office("2026-11-20T10:00");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, parse_date("2026-11-20"));
  s.now = parse_time("2026-12-01T09:00");
  const auto a = duty_changes_question(s, Period::of(november));
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "尚未終止"));
  CHECK(duty_changes_question(s, Period::of(october)).conforms);  // before the deadline: nothing owed
}

TEST_CASE("item 2: a deadline on the month's last day is owed to the next month, not this one") {
  QuestionOffice office("2026-11-24T10:00");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, parse_date("2026-11-24"));  // deadline 11-30
  s.now = parse_time("2026-12-02T10:00");
  terminate(s, "wang", TerminationReason::duty_change, parse_date("2026-12-02"));
  CHECK(duty_changes_question(s, Period::of(november)).conforms);
  CHECK_FALSE(duty_changes_question(s, Period::of(december)).conforms);
}

TEST_CASE("item 2: a lost certificate told to the Agency a day after the loss is 不符 (R3.6)") {
  QuestionOffice office;
  auto s = office.as();
  record_cert_loss(s, "wang", parse_time("2026-11-10T09:00"), parse_time("2026-11-12T09:00"), std::nullopt);
  const auto a = duty_changes_question(s, Period::of(november));
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "始通知移民署"));
}

TEST_CASE("item 2: a lost certificate told the same day conforms") {
  QuestionOffice office;
  auto s = office.as();
  record_cert_loss(s, "wang", parse_time("2026-11-10T09:00"), parse_time("2026-11-10T11:00"), std::nullopt);
  CHECK(duty_changes_question(s, Period::of(november)).conforms);
}

TEST_CASE("item 2: a month and the year that holds it give the same answer over the same records") {
  QuestionOffice office;
  auto s = office.as();
  record_cert_loss(s, "wang", parse_time("2026-11-10T09:00"), parse_time("2026-11-12T09:00"), std::nullopt);
  CHECK_FALSE(duty_changes_question(s, Period::of(november)).conforms);
  CHECK_FALSE(duty_changes_question(s, Period::of(2026)).conforms);
  const auto monthly = monthly_audit(s, november);
  const auto yearly = supervision(s, 2026);
  CHECK(monthly.items[1].proposed == Verdict::nonconform);
  CHECK_FALSE(yearly.items[1].yes);
}

// ---- 4. security measures -------------------------------------------------------------------

TEST_CASE("item 4: data destroyed after its destroy-by day is 不符 for the days it was late, even once confirmed") {
  QuestionOffice office("2026-11-02T10:00");
  auto s = office.as();
  const auto entry = add_entry(s, NewEntry{"wang", Item::entry_exit, "查核", std::nullopt, std::nullopt,
                                           parse_time("2026-11-02T09:00"), parse_time("2026-11-02T09:05")});
  const auto item = add_data(s, NewData{entry, "列印之入出境紀錄", std::nullopt, parse_date("2026-11-02"), std::nullopt});
  s.now = parse_time("2026-11-29T10:00");
  confirm_destroyed(s, item, "shredded", std::nullopt);
  const auto a = security_question(s, Period::of(november), ChainCheck::sealed);
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "應於 2026-11-02 前銷毀，2026-11-29 始銷毀"));
  CHECK(says(security_question(s, Period::of(2026), ChainCheck::sealed), "2026-11-29 始銷毀"));
}

TEST_CASE("item 4: data destroyed by its destroy-by day is no finding") {
  QuestionOffice office("2026-11-02T10:00");
  auto s = office.as();
  const auto entry = add_entry(s, NewEntry{"wang", Item::entry_exit, "查核", std::nullopt, std::nullopt,
                                           parse_time("2026-11-02T09:00"), parse_time("2026-11-02T09:05")});
  const auto item = add_data(s, NewData{entry, "列印之入出境紀錄", std::nullopt, parse_date("2026-11-02"), std::nullopt});
  confirm_destroyed(s, item, "shredded", std::nullopt);
  s.now = parse_time("2026-11-29T10:00");
  CHECK_FALSE(says(security_question(s, Period::of(november), ChainCheck::sealed), "銷毀"));
}

TEST_CASE("item 4: audit functions not registered with the Agency are 不符 (R3.5)") {
  QuestionOffice office;
  auto s = office.as();
  CHECK(says(security_question(s, Period::of(november), ChainCheck::sealed), "稽核功能未經移民署核准機關憑證註冊（R3.5）"));
}

TEST_CASE("item 4: audit functions approved before the office's first account are no finding") {
  QuestionOffice office;
  auto s = office.as();
  register_agency(s, "chen", {"audit", "account-admin"}, parse_date("2026-11-01"));
  approve_agency(s, parse_date("2026-11-01"));
  CHECK_FALSE(says(security_question(s, Period::of(november), ChainCheck::sealed), "R3.5"));
}

TEST_CASE("item 4: a half-year in force with no closed permission review is 不符 (R4.4)") {
  QuestionOffice office("2026-11-29T10:00", "2026-03-02");
  auto s = office.as();
  const auto a = security_question(s, Period::of(november), ChainCheck::sealed);
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "2026H1 未完成使用者權限清查"));
  CHECK(says(security_question(s, Period::of(2026), ChainCheck::sealed), "2026H1 未完成使用者權限清查"));
}

TEST_CASE("item 4: an ended month's usage sheet not signed by all three is 不符") {
  QuestionOffice office("2026-11-29T10:00", "2026-10-01");
  auto s = office.as();
  const auto a = security_question(s, Period::of(october), ChainCheck::sealed);
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "2026-10 日誌表（附件一）簽章 0/3"));
}

TEST_CASE("item 4: the Annex 2 being drafted does not count against itself, but counts on the year") {
  QuestionOffice office("2026-11-29T10:00", "2026-10-01");
  auto s = office.as();
  CHECK_FALSE(says(security_question(s, Period::of(october), ChainCheck::sealed), "附件二"));
  CHECK(says(security_question(s, Period::of(2026), ChainCheck::sealed), "2026-10 內部稽核紀錄表（附件二）簽章 0/4"));
}

TEST_CASE("item 4 over a year names its months, even when only one of them has begun") {
  QuestionOffice office("2027-01-15T10:00", "2026-10-01");
  auto s = office.as();
  const auto year = security_question(s, Period::of(2027), ChainCheck::sealed);
  CHECK(says(year, "2027-01：未封存日誌檢查點"));
  CHECK_FALSE(says(year, "本月"));
  CHECK(says(security_question(s, Period::of(Month{2027, 1}), ChainCheck::sealed), "本月未封存日誌檢查點"));
}

TEST_CASE("item 4: Annex 3 recomputes the journal's chain, Annex 2 only asks that each month was sealed") {
  QuestionOffice office;
  auto s = office.as();
  CHECK(says(security_question(s, Period::of(2026), ChainCheck::recomputed), "日誌雜湊鏈驗證通過"));
  CHECK_FALSE(says(security_question(s, Period::of(november), ChainCheck::sealed), "雜湊鏈"));
  const auto draft = monthly_audit(s, november);
  CHECK(std::none_of(draft.items[3].evidence.begin(), draft.items[3].evidence.end(),
                     [](const auto& line) { return line.find("雜湊鏈") != std::string::npos; }));
}

TEST_CASE("a command verifies the journal once, however many forms it drafts") {
  QuestionOffice office;
  auto s = office.as();
  const Verification& first = journal_verification(s);
  CHECK(first.ok());
  CHECK(&journal_verification(s) == &first);
  auto other = office.as();  // another command: its own verification
  CHECK(&journal_verification(other) != &first);
}

// ---- 1, 3, 5, 6 ---------------------------------------------------------------------------

TEST_CASE("item 1: accounts approved at all three stages conform") {
  QuestionOffice office;
  auto s = office.as();
  const auto a = applications_question(s, Period::of(november));
  CHECK(a.conforms);
  CHECK(says(a, "三級核准"));
}

TEST_CASE("item 3: a month with no system log imported is 不符 (R4.3)") {
  QuestionOffice office;
  auto s = office.as();
  const auto a = necessity_question(s, Period::of(november));
  CHECK_FALSE(a.answer.conforms);
  CHECK(says(a.answer, "本月未匯入系統稽核日誌"));
  REQUIRE(a.months.size() == 1);
  CHECK(a.months.front().month.month == 11);
}

TEST_CASE("item 3: over a year, an ended month without its item 3 recorded is 不符") {
  QuestionOffice office("2026-11-29T10:00", "2026-10-01");
  auto s = office.as();
  CHECK(says(necessity_question(s, Period::of(2026)).answer, "未作成稽核紀錄（附件二第三項）之月份：2026-10"));
}

TEST_CASE("item 5: the retention setting is quoted and five years conform") {
  QuestionOffice office;
  auto s = office.as();
  const auto a = retention_question(s, Period::of(2026));
  CHECK(a.conforms);
  CHECK(says(a, "保存年限設定 5 年"));
}

TEST_CASE("item 6: fewer than two unannounced audits in the year is 否 (R4.2)") {
  QuestionOffice office;
  auto s = office.as();
  const auto a = unannounced_audits_question(s, Period::of(2026));
  CHECK_FALSE(a.conforms);
  CHECK(says(a, "本年度不定期稽核 0 次，少於 2 次"));
}

TEST_CASE("the official wording: items 1-4 as Annex 2 prints them, 5 and 6 Annex 3's, nothing else") {
  CHECK(official_item_title(1) == "帳號申請是否依規定辦理。");
  CHECK(official_item_title(5) == "應用移民資料日誌保存年限至少五年");
  CHECK(official_item_title(7).empty());
}
