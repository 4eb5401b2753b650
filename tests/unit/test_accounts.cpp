// The account lifecycle of R3.1–R3.6, R4.4 and R5, through the core's public API.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <stdexcept>

#include "fixture.hpp"
#include "imcomply/error.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/roles.hpp"

using namespace imcomply;
using test::OfficeDb;

namespace {

Date d(std::string_view text) { return parse_date(text); }

std::vector<JournalRecord> journal_of(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle,
                     "SELECT seq, at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format, day "
                     "FROM journal ORDER BY seq",
                     -1, &q, nullptr);
  const auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, i))); };
  std::vector<JournalRecord> records;
  while (sqlite3_step(q) == SQLITE_ROW) {
    JournalRecord r;
    r.seq = sqlite3_column_int64(q, 0);
    r.at = text(1);
    r.actor = text(2);
    r.os_user = text(3);
    r.action = text(4);
    r.entity = text(5);
    r.entity_id = text(6);
    if (sqlite3_column_type(q, 7) != SQLITE_NULL) r.digest = text(7);
    r.salt = text(8);
    r.prev_hash = text(9);
    r.hash = text(10);
    r.format = sqlite3_column_int(q, 11);
    if (sqlite3_column_type(q, 12) != SQLITE_NULL) r.day = text(12);
    records.push_back(r);
  }
  sqlite3_finalize(q);
  sqlite3_close(handle);
  return records;
}

}  // namespace

TEST_CASE("init makes the named person the first administrator") {
  OfficeDb office;
  auto s = office.as();
  const auto chen = show_user(s, "chen").user;
  CHECK(chen.roles == std::vector<Role>{Role::admin});
  CHECK(imcomply::office(s).name == "彰化");
}

TEST_CASE("approval stages go head, county, agency, and agency activates the items") {
  OfficeDb office;
  auto s = office.as();
  add_user(s, NewUser{"wang", "王小明", std::nullopt, std::nullopt, std::nullopt});
  apply(s, "wang", {Item::entry_exit, Item::mainland}, d("2026-11-01"));
  CHECK_THROWS_WITH_AS(approve(s, "wang", Stage::county, d("2026-11-02"), std::nullopt),
                       doctest::Contains("the next stage is head, not county"), RejectedInput);
  approve(s, "wang", Stage::head, d("2026-11-02"), std::nullopt);
  CHECK_THROWS_AS(approve(s, "wang", Stage::agency, d("2026-11-03"), std::nullopt), RejectedInput);
  approve(s, "wang", Stage::county, d("2026-11-03"), std::nullopt);
  CHECK(show_user(s, "wang").user.status == AccountStatus::pending);
  approve(s, "wang", Stage::agency, d("2026-11-10"), std::string("AG-7"));
  const auto wang = show_user(s, "wang");
  CHECK(wang.user.status == AccountStatus::active);
  CHECK(wang.user.items == std::vector<Item>{Item::entry_exit, Item::mainland});
  CHECK(wang.user.active_since == d("2026-11-10"));
  CHECK(wang.application->agency_ref == "AG-7");
}

TEST_CASE("an approval dated before the stage before it is rejected") {
  OfficeDb office;
  auto s = office.as();
  add_user(s, NewUser{"wang", "王小明", std::nullopt, std::nullopt, std::nullopt});
  apply(s, "wang", {Item::entry_exit}, d("2026-11-05"));
  CHECK_THROWS_WITH_AS(approve(s, "wang", Stage::head, d("2026-11-04"), std::nullopt),
                       doctest::Contains("before the previous stage"), RejectedInput);
}

TEST_CASE("event dates in the future are rejected, but a duty change may be ahead") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  CHECK_THROWS_WITH_AS(terminate(s, "wang", TerminationReason::request, d("2026-11-30")),
                       doctest::Contains("lies in the future"), RejectedInput);
  const auto change = record_duty_change(s, "wang", DutyChangeKind::retirement, d("2026-12-31"));
  CHECK(change.deadline_on == d("2027-01-06"));
}

TEST_CASE("a duty change needs an account, and only one may be pending") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  CHECK_THROWS_AS(record_duty_change(s, "lee", DutyChangeKind::transfer, d("2026-11-20")), RejectedInput);
  record_duty_change(s, "wang", DutyChangeKind::transfer, d("2026-11-20"));
  CHECK_THROWS_WITH_AS(record_duty_change(s, "wang", DutyChangeKind::resignation, d("2026-11-21")),
                       doctest::Contains("pending already"), RejectedInput);
}

TEST_CASE("due lists the most urgent first and marks the overdue") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  office.active_user("lin", "林美麗");
  auto s = office.as();
  record_duty_change(s, "lin", DutyChangeKind::resignation, d("2026-11-27"));  // deadline 12-03
  record_duty_change(s, "wang", DutyChangeKind::transfer, d("2026-11-20"));    // deadline 11-26
  const auto list = due(s, std::nullopt);
  REQUIRE(list.size() == 2);
  CHECK(list[0].user.login == "wang");
  CHECK(list[0].overdue);
  CHECK(list[0].days_left == -3);
  CHECK(list[1].user.login == "lin");
  CHECK_FALSE(list[1].overdue);
  CHECK(list[1].days_left == 4);
  CHECK(due(s, 2).size() == 1);  // overdue ones always; lin's is 4 days away
}

TEST_CASE("termination after day 6 is late by the days past the deadline") {
  OfficeDb office("2026-11-28T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, d("2026-11-20"));
  const auto t = terminate(s, "wang", TerminationReason::duty_change, d("2026-11-28"));
  CHECK(t.late_days == 2);
  CHECK_FALSE(t.backdated());
  CHECK(show_user(s, "wang").terminations.at(0).late_days == 2);
  CHECK(due(s, std::nullopt).empty());
}

TEST_CASE("termination on day 6 is on time") {
  OfficeDb office("2026-11-26T10:00");
  office.active_user("wang", "王小明");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, d("2026-11-20"));
  const auto t = terminate(s, "wang", TerminationReason::duty_change, d("2026-11-26"));
  CHECK(t.late_days == 0);
  CHECK_FALSE(t.backdated());
}

TEST_CASE("a termination recorded after its deadline with an earlier date is backdated and late by the day recorded") {
  OfficeDb office("2026-11-29T10:00");
  office.active_user("ho", "何文");
  auto s = office.as();
  record_duty_change(s, "ho", DutyChangeKind::transfer, d("2026-11-18"));  // deadline 11-24
  const auto t = terminate(s, "ho", TerminationReason::duty_change, d("2026-11-23"));
  CHECK(t.terminated_on == d("2026-11-23"));
  CHECK(t.recorded_on == d("2026-11-29"));
  CHECK(t.backdated());
  CHECK(t.late_days == 5);
  const auto shown = show_user(s, "ho").terminations.at(0);
  CHECK(shown.backdated());
  CHECK(shown.late_days == 5);
  CHECK(shown.recorded_on == d("2026-11-29"));
}

TEST_CASE("a termination dated back but recorded by its deadline is on time") {
  OfficeDb office("2026-11-24T10:00");
  office.active_user("ho", "何文");
  auto s = office.as();
  record_duty_change(s, "ho", DutyChangeKind::transfer, d("2026-11-18"));
  const auto t = terminate(s, "ho", TerminationReason::duty_change, d("2026-11-20"));
  CHECK(t.late_days == 0);
  CHECK_FALSE(t.backdated());
}

TEST_CASE("due --all lists the answered duty changes after the pending ones, with their termination") {
  OfficeDb office("2026-11-29T10:00");
  office.active_user("ho", "何文");
  office.active_user("wang", "王小明");
  auto s = office.as();
  record_duty_change(s, "ho", DutyChangeKind::transfer, d("2026-11-18"));
  terminate(s, "ho", TerminationReason::duty_change, d("2026-11-23"));
  record_duty_change(s, "wang", DutyChangeKind::resignation, d("2026-11-28"));
  const auto all = all_duty_changes(s);
  REQUIRE(all.size() == 2);
  CHECK(all[0].user.login == "wang");
  CHECK_FALSE(all[0].termination);
  CHECK(all[1].user.login == "ho");
  REQUIRE(all[1].termination);
  CHECK(all[1].termination->backdated());
  CHECK_FALSE(all[1].overdue);
  CHECK(due(s, std::nullopt).size() == 1);
}

TEST_CASE("a late or backdated termination is a finding in every period it stood open on record past its deadline") {
  OfficeDb office("2026-11-03T10:00");
  office.active_user("ho", "何文", "2026-10-01");
  auto s = office.as();
  record_duty_change(s, "ho", DutyChangeKind::transfer, d("2026-10-24"));  // deadline 10-30
  terminate(s, "ho", TerminationReason::duty_change, d("2026-10-29"));     // recorded 11-03
  CHECK(late_terminations(s, d("2026-10-01"), d("2026-10-31")).size() == 1);
  CHECK(late_terminations(s, d("2026-11-01"), d("2026-11-30")).size() == 1);
  CHECK(late_terminations(s, d("2026-12-01"), d("2026-12-31")).empty());
  CHECK(late_terminations(s, d("2026-09-01"), d("2026-09-30")).empty());
}

TEST_CASE("a duty-change termination without a recorded duty change is rejected") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  CHECK_THROWS_WITH_AS(terminate(s, "wang", TerminationReason::duty_change, std::nullopt),
                       doctest::Contains("no duty change on record"), RejectedInput);
  CHECK(show_user(s, "wang").user.status == AccountStatus::active);
}

TEST_CASE("a terminated account cannot be terminated again") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  terminate(s, "wang", TerminationReason::request, std::nullopt);
  CHECK_THROWS_AS(terminate(s, "wang", TerminationReason::request, std::nullopt), RejectedInput);
}

TEST_CASE("only an administrator changes the roster, and a refusal writes nothing") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as("wang");
  CHECK_THROWS_AS(add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt}), NotPermitted);
  auto stranger = office.as("nobody");
  CHECK_THROWS_AS(terminate(stranger, "wang", TerminationReason::request, std::nullopt), NotPermitted);
  auto admin = office.as();
  CHECK(list_users(admin, std::nullopt).size() == 2);
  CHECK(show_user(admin, "wang").user.status == AccountStatus::active);
}

TEST_CASE("unknown users are rejected") {
  OfficeDb office;
  auto s = office.as();
  CHECK_THROWS_WITH_AS(show_user(s, "ghost"), doctest::Contains("unknown user ghost"), RejectedInput);
  CHECK_THROWS_AS(apply(s, "ghost", {Item::entry_exit}, std::nullopt), RejectedInput);
}

TEST_CASE("a deputy must be an active user other than the person") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  CHECK_THROWS_WITH_AS(set_deputy(s, "wang", std::string("lee")), doctest::Contains("not an active user"),
                       RejectedInput);
  CHECK_THROWS_AS(set_deputy(s, "wang", std::string("wang")), RejectedInput);
  office.active_user("lin", "林美麗");
  set_deputy(s, "wang", std::string("lin"));
  CHECK(show_user(s, "wang").user.deputy == "lin");
  set_deputy(s, "wang", std::nullopt);
  CHECK_FALSE(show_user(s, "wang").user.deputy.has_value());
}

TEST_CASE("a terminated deputy stands in for no one") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  office.active_user("lin", "林美麗");
  auto s = office.as();
  set_deputy(s, "wang", std::string("lin"));
  terminate(s, "lin", TerminationReason::request, std::nullopt);
  CHECK_FALSE(show_user(s, "wang").user.deputy.has_value());
}

TEST_CASE("the last administrator cannot give up the role") {
  OfficeDb office;
  auto s = office.as();
  CHECK_THROWS_WITH_AS(revoke_role(s, "chen", Role::admin), doctest::Contains("last administrator"), RejectedInput);
  add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  grant_role(s, "lee", Role::admin);
  revoke_role(s, "chen", Role::admin);
  CHECK(roles_of(*office.store, "chen").empty());
}

TEST_CASE("a lost certificate terminates at once, and a late notice is a finding") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  const auto t = record_cert_loss(s, "wang", parse_time("2026-11-27T09:00"), parse_time("2026-11-28T09:00"),
                                  std::string("DOC-1"));
  CHECK(t.terminated_on == d("2026-11-27"));
  const auto detail = show_user(s, "wang");
  CHECK(detail.user.status == AccountStatus::terminated);
  REQUIRE(detail.cert_losses.size() == 1);
  CHECK(detail.cert_losses[0].notified_late());
}

TEST_CASE("the Agency's notification can complete a loss recorded without it") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  const Instant lost = parse_time("2026-11-27T09:00");
  record_cert_loss(s, "wang", lost, std::nullopt, std::nullopt);
  CHECK(show_user(s, "wang").cert_losses.at(0).notified_late());
  record_cert_loss(s, "wang", lost, parse_time("2026-11-27T11:00"), std::nullopt);
  const auto detail = show_user(s, "wang");
  REQUIRE(detail.cert_losses.size() == 1);
  CHECK_FALSE(detail.cert_losses[0].notified_late());
  CHECK(detail.terminations.size() == 1);
  CHECK_THROWS_AS(record_cert_loss(s, "wang", parse_time("2026-11-28T09:00"), std::nullopt, std::nullopt),
                  RejectedInput);
}

TEST_CASE("a same-day notice of a lost certificate is no finding") {
  CertLoss loss{1, "wang", parse_time("2026-11-27T09:00"), parse_time("2026-11-27T17:30"), std::nullopt};
  CHECK_FALSE(loss.notified_late());
  loss.notified_at = std::nullopt;
  CHECK(loss.notified_late());
}

TEST_CASE("suspension and reinstatement move between active and suspended only") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  CHECK_THROWS_AS(reinstate(s, "wang"), RejectedInput);
  suspend(s, "wang", "violation under investigation");
  CHECK(show_user(s, "wang").user.status == AccountStatus::suspended);
  CHECK_THROWS_AS(suspend(s, "wang", "again"), RejectedInput);
  reinstate(s, "wang");
  CHECK(show_user(s, "wang").user.status == AccountStatus::active);
}

TEST_CASE("a review cannot close while an active account is undecided; revoke terminates") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  office.active_user("lin", "林美麗");
  auto s = office.as();
  const auto review = start_review(s, std::nullopt);
  CHECK(review.period == "2026H2");
  decide_review(s, "wang", true, std::nullopt);
  CHECK_THROWS_WITH_AS(close_review(s), doctest::Contains("lin"), RejectedInput);
  decide_review(s, "lin", false, std::string("no longer queries"));
  CHECK(show_user(s, "lin").terminations.at(0).reason == TerminationReason::review);
  close_review(s);
  CHECK(review_status(s).review->closed_on == d("2026-11-29"));
}

TEST_CASE("a past half-year with no closed review is a finding") {
  OfficeDb office;
  office.active_user("wang", "王小明", "2025-12-01");
  auto s = office.as();
  CHECK(review_status(s).missed_periods == std::vector<std::string>{"2025H2", "2026H1"});
  start_review(s, std::string("2026H1"));
  decide_review(s, "wang", true, std::nullopt);
  close_review(s);
  CHECK(review_status(s).missed_periods == std::vector<std::string>{"2025H2"});
}

TEST_CASE("the Agency registration waits for approval") {
  OfficeDb office;
  auto s = office.as();
  CHECK_THROWS_AS(approve_agency(s, std::nullopt), RejectedInput);
  register_agency(s, "chen", {"audit", "account-admin"}, d("2026-11-01"));
  CHECK_FALSE(agency_registrations(s).at(0).approved_on.has_value());
  approve_agency(s, d("2026-11-05"));
  CHECK(agency_registrations(s).at(0).approved_on == d("2026-11-05"));
  CHECK_THROWS_AS(register_agency(s, "chen", {"payroll"}, std::nullopt), RejectedInput);
}

TEST_CASE("every change is journaled in one intact chain that names the actor") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  record_duty_change(s, "wang", DutyChangeKind::transfer, d("2026-11-20"));
  terminate(s, "wang", TerminationReason::duty_change, std::nullopt);
  const auto records = journal_of(office.db);
  CHECK(records.size() > 10);
  CHECK(records.front().prev_hash == genesis_hash);
  CHECK_FALSE(first_broken_record(records).has_value());
  CHECK(records.back().action == "acct.terminate");
  CHECK(records.back().actor == "chen");
  CHECK(records.back().os_user == "root");
}

TEST_CASE("a rejected change appends nothing to the journal") {
  OfficeDb office;
  auto s = office.as();
  const auto before = journal_of(office.db).size();
  CHECK_THROWS(add_user(s, NewUser{"chen", "again", std::nullopt, std::nullopt, std::nullopt}));
  CHECK(journal_of(office.db).size() == before);
}

TEST_CASE("each command is named once: the journal's name and the role spec 6 gives it") {
  CHECK(command_name(Command::acct_add) == "acct.add");
  CHECK(command_name(Command::acct_cert_lost) == "acct.cert-lost");
  CHECK(command_name(Command::purge_run) == "purge");  // the name old journals carry
  CHECK(command_role(Command::acct_add) == Role::admin);
  CHECK(command_role(Command::audit_seal) == Role::auditor);
  CHECK(command_role(Command::purge_confirm) == Role::admin);
  CHECK_FALSE(command_role(Command::qlog_open).has_value());  // own entries or an administrator: checked by the core
  CHECK_FALSE(command_role(Command::audit_sign).has_value());  // the role signed as
}

TEST_CASE("a write transaction records its command's name in the journal") {
  OfficeDb office;
  auto s = office.as();
  add_user(s, NewUser{"wang", "王小明", std::nullopt, std::nullopt, std::nullopt});
  CHECK(journal_of(office.db).back().action == "acct.add");
}
