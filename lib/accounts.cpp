#include "imcomply/accounts.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "store/account_store.hpp"
#include "store/identity_store.hpp"
#include "imcomply/identity.hpp"
#include "accounts_internal.hpp"
#include "imcomply/deadline.hpp"
#include "imcomply/messages.hpp"
#include "imcomply/system_log.hpp"

namespace imcomply {
namespace {

/// Parses one of a fixed list of names, or rejects naming them all.
template <typename Enum, std::size_t N>
Enum parse_name(std::string_view text, const std::array<std::string_view, N>& names, std::string_view what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names_term(text, names[i])) return static_cast<Enum>(i);
  std::vector<std::string> chinese;
  for (const auto name : names) chinese.push_back(term(name, Lang::zh_tw));
  const Text choices{fmt::format("{}", fmt::join(names, ", ")), fmt::format("{}", fmt::join(chinese, "、"))};
  throw RejectedInput(imcomply::text(Msg::unknown_name, {term(what), std::string(text), choices}));
}

constexpr std::array<std::string_view, 5> status_names = {"none", "pending", "active", "suspended", "terminated"};
constexpr std::array<std::string_view, 4> stage_names = {"applied", "head", "county", "agency"};
constexpr std::array<std::string_view, 5> duty_change_names = {"reassignment", "transfer", "suspension",
                                                               "resignation", "retirement"};
constexpr std::array<std::string_view, 5> reason_names = {"duty-change", "cert-lost", "violation", "review",
                                                          "request"};

Date today(const Session& s) { return taiwan_date(s.now); }

User require_user(Session& s, const std::string& login) {
  auto user = account_store::find_user(s.store, login);
  if (!user) throw RejectedInput(text(Msg::unknown_user, {login}), text(Msg::see_acct_list));
  return *user;
}

/// spec §1: an event's date may not lie in the future.
Date event_date(const Session& s, std::optional<Date> given, std::string_view what) {
  const Date day = given.value_or(today(s));
  if (day > today(s))
    throw RejectedInput(fmt::format("the {} date {} lies in the future", what, format_date(day)));
  return day;
}

bool has_account(const User& user) {
  return user.status == AccountStatus::active || user.status == AccountStatus::suspended;
}

void require_account(const User& user, std::string_view action) {
  if (!has_account(user))
    throw RejectedInput(fmt::format("cannot {} {}: the account is {}, not active or suspended", action, user.login,
                                    status_name(user.status)));
}

/// A termination as R3.4 judges it: late by the later of its date and the day it was recorded.
/// Rows from before recorded days were judged fill in here; new ones are stored so already.
Termination judged(Termination t) {
  if (t.deadline_on)
    t.late_days = std::max(t.late_days, late_days(*t.deadline_on, termination_effective_day(t.terminated_on, t.recorded_on)));
  return t;
}

PendingTermination pending_of(const User& user, const DutyChange& change, Instant now) {
  PendingTermination p{user, change, days_between(taiwan_date(now), change.deadline_on), false, std::nullopt};
  p.overdue = is_overdue(change.deadline_on, now);
  return p;
}

}  // namespace

namespace detail {

/// Terminates an account inside an open transaction; answers a pending duty change if there is one.
Termination terminate_in(WriteTransaction& tx, Session& s, const User& user, TerminationReason reason, Date on) {
  const auto change = account_store::pending_change(s.store, user.login);
  if (reason == TerminationReason::duty_change && !change)
    throw RejectedInput(fmt::format("{} has no duty change on record", user.login),
                        fmt::format("record it first: acct change {} --kind KIND --date D", user.login));
  if (user.active_since && on < *user.active_since)
    throw RejectedInput(fmt::format("the termination date {} is before the account became active ({})",
                                    format_date(on), format_date(*user.active_since)));
  Termination t;
  t.login = user.login;
  t.reason = reason;
  t.terminated_on = on;
  t.recorded_on = today(s);
  if (change) {
    t.deadline_on = change->deadline_on;
    t.late_days = late_days(change->deadline_on, termination_effective_day(on, t.recorded_on));
  }
  t.id = account_store::insert_termination(tx, t);
  if (change) account_store::link_termination(tx, change->id, t.id);
  account_store::update_status(tx, user.login, AccountStatus::terminated);
  // R3.1: a deputy stands in for someone, so one who can no longer query stands in for no one.
  for (const auto& login : account_store::logins_deputised_by(s.store, user.login)) {
    account_store::update_deputy(tx, login, std::nullopt);
    account_store::insert_event(tx, login, format_date(on), "deputy cleared",
                                fmt::format("{}'s account was terminated", user.login));
  }
  std::string detail = fmt::format("reason {}", termination_reason_name(reason));
  if (t.late_days > 0)
    detail += fmt::format("; late by {} day{} (deadline {})", t.late_days, t.late_days == 1 ? "" : "s",
                          format_date(*t.deadline_on));
  if (t.backdated())
    detail += fmt::format("; backdated: recorded {}, after the deadline", format_date(t.recorded_on));
  account_store::insert_event(tx, user.login, format_date(on), "terminated", detail);
  return t;
}


void suspend_in(WriteTransaction& tx, Session& s, const User& user, const std::string& reason) {
  if (user.status != AccountStatus::active)
    throw RejectedInput(fmt::format("cannot suspend {}: the account is {}, not active", user.login,
                                    status_name(user.status)));
  if (reason.empty()) throw RejectedInput("a suspension needs a reason");
  account_store::insert_suspension(tx, user.login, reason);
  account_store::update_status(tx, user.login, AccountStatus::suspended);
  account_store::insert_event(tx, user.login, format_date(today(s)), "suspended", reason);
}

}  // namespace detail

using detail::terminate_in;

std::string_view status_name(AccountStatus status) { return status_names[static_cast<int>(status)]; }
AccountStatus parse_status(std::string_view text) { return parse_name<AccountStatus>(text, status_names, "status"); }
std::string_view stage_name(Stage stage) { return stage_names[static_cast<int>(stage)]; }
Stage parse_stage(std::string_view text) { return parse_name<Stage>(text, stage_names, "stage"); }
std::string_view duty_change_name(DutyChangeKind kind) { return duty_change_names[static_cast<int>(kind)]; }
DutyChangeKind parse_duty_change(std::string_view text) {
  return parse_name<DutyChangeKind>(text, duty_change_names, "kind of duty change");
}
std::string_view termination_reason_name(TerminationReason reason) { return reason_names[static_cast<int>(reason)]; }
TerminationReason parse_termination_reason(std::string_view text) {
  return parse_name<TerminationReason>(text, reason_names, "termination reason");
}

bool Termination::backdated() const { return deadline_on && is_backdated(*deadline_on, terminated_on, recorded_on); }

Date Application::stage_on() const {
  switch (stage) {
    case Stage::applied: return applied_on;
    case Stage::head: return head_on.value_or(applied_on);
    case Stage::county: return county_on.value_or(applied_on);
    case Stage::agency: return agency_on.value_or(applied_on);
  }
  return applied_on;
}

bool CertLoss::notified_late() const {
  return !notified_at || taiwan_date(*notified_at) > taiwan_date(lost_at);
}

bool AccountHistory::active_at(Instant t) const {
  const Date day = taiwan_date(t);
  for (const auto& s : suspensions)
    if (t >= s.from && (!s.to || t < *s.to)) return false;
  for (const auto& p : periods)
    if (p.covers(day, t)) return true;
  return false;
}

std::vector<Item> AccountHistory::items_at(Instant t) const {
  if (!active_at(t)) return {};
  const Date day = taiwan_date(t);
  for (auto p = periods.rbegin(); p != periods.rend(); ++p)
    if (p->covers(day, t)) return p->items;
  return {};
}

AccountHistory account_history(Session& s, const std::string& login) {
  AccountHistory history;
  const auto approvals = account_store::approvals_of(s.store, login);
  const auto ends = account_store::termination_moments_of(s.store, login);
  for (std::size_t i = 0; i < approvals.size(); ++i) {
    AccountHistory::Period period{approvals[i].first, std::nullopt, std::nullopt, approvals[i].second};
    // A period ends at the first termination on or after its approval (and before the next one).
    for (const auto& [end, recorded_at] : ends)
      if (end >= period.from && (i + 1 == approvals.size() || end < approvals[i + 1].first)) {
        period.to = end;
        period.ended_at = recorded_at;
        break;
      }
    history.periods.push_back(period);
  }
  history.suspensions = account_store::suspensions_of(s.store, login);
  return history;
}

// --- the office and the roster ---

void init_office(const std::filesystem::path& path, std::chrono::milliseconds wait, const Actor& actor, Instant now,
                 const InitRequest& request) {
  if (request.office_code.empty() || request.office_name.empty() || request.admin_login.empty() ||
      request.admin_name.empty())
    throw RejectedInput("acct init needs --office, --office-name, --admin and --admin-name, none empty");
  check_login(request.admin_login, "login");  // the same rules as acct add
  const std::string admin_os_user = request.admin_os_user.value_or(request.admin_login);
  check_login(admin_os_user, "OS user name");
  Store store = Store::create(path, wait);
  // On the central store the journal records the session's role as the one who ran it.
  Actor acting = actor;
  const auto session = store.server_session();
  if (session) acting.os_login = session->role;
  try {
    WriteTransaction tx(store, acting, Command::acct_init, now);
    account_store::insert_office(tx, Office{request.office_code, request.office_name});
    account_store::insert_user(tx, NewUser{request.admin_login, request.admin_name, std::nullopt, std::nullopt, std::nullopt});
    identity_store::insert_mapping(tx, request.admin_login, admin_os_user);
    account_store::insert_role(tx, request.admin_login, Role::admin);
    account_store::insert_event(tx, request.admin_login, format_date(taiwan_date(now)), "added",
                                "first administrator of the office");
    tx.commit();
  } catch (...) {
    if (!session) {  // a file that init made and could not fill goes; a server's tenant rolled back
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ignored);
    }
    throw;
  }
}

Office office(Session& s) {
  auto found = account_store::load_office(s.store);
  if (!found) throw StorageError("the database has no office record");
  return *found;
}

void add_user(Session& s, const NewUser& user) {
  WriteTransaction tx(s.store, s.actor, Command::acct_add, s.now);  // first: the checks below read under the lock
  if (user.name.empty()) throw RejectedInput("a user needs a login and a name");
  check_login(user.login, "login");
  const std::string os_user = user.os_user.value_or(user.login);
  check_login(os_user, "OS user name");
  if (account_store::find_user(s.store, user.login))
    throw RejectedInput(fmt::format("{} is on the roster already", user.login), fmt::format("see: acct show {}", user.login));
  if (const auto taken = identity_store::login_of(s.store, os_user))
    throw RejectedInput(fmt::format("OS user {} is mapped to {} already; one OS user acts as one roster login", os_user, *taken));
  account_store::insert_user(tx, user);
  identity_store::insert_mapping(tx, user.login, os_user);
  account_store::insert_event(tx, user.login, format_date(today(s)), "added", user.name);
  tx.commit();
}

void grant_role(Session& s, const std::string& login, Role role) {
  WriteTransaction tx(s.store, s.actor, Command::acct_role, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  if (std::find(user.roles.begin(), user.roles.end(), role) != user.roles.end())
    throw RejectedInput(fmt::format("{} holds the {} role already", login, role_name(role)));
  account_store::insert_role(tx, login, role);
  account_store::insert_event(tx, login, format_date(today(s)), "role granted", std::string(role_name(role)));
  tx.commit();
}

void revoke_role(Session& s, const std::string& login, Role role) {
  WriteTransaction tx(s.store, s.actor, Command::acct_role, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  if (std::find(user.roles.begin(), user.roles.end(), role) == user.roles.end())
    throw RejectedInput(fmt::format("{} does not hold the {} role", login, role_name(role)));
  if (role == Role::admin && account_store::count_holders(s.store, Role::admin) == 1)
    throw RejectedInput(fmt::format("{} is the last administrator; grant admin to someone else first", login));
  account_store::delete_role(tx, login, role);
  account_store::insert_event(tx, login, format_date(today(s)), "role revoked", std::string(role_name(role)));
  tx.commit();
}

void set_deputy(Session& s, const std::string& login, const std::optional<std::string>& deputy) {
  WriteTransaction tx(s.store, s.actor, Command::acct_deputy, s.now);  // first: the checks below read under the lock
  require_user(s, login);
  if (deputy) {
    if (*deputy == login) throw RejectedInput(fmt::format("{} cannot be their own deputy", login));
    const User other = require_user(s, *deputy);
    if (other.status != AccountStatus::active)  // R3.1: a deputy stands in, so must be able to query
      throw RejectedInput(fmt::format("deputy {} is {}, not an active user", *deputy, status_name(other.status)));
  }
  account_store::update_deputy(tx, login, deputy);
  account_store::insert_event(tx, login, format_date(today(s)), deputy ? "deputy set" : "deputy cleared",
                              deputy.value_or(""));
  tx.commit();
}

std::vector<User> list_users(Session& s, std::optional<AccountStatus> status) {
  return account_store::load_users(s.store, status);
}

UserDetail show_user(Session& s, const std::string& login) {
  UserDetail detail;
  detail.user = require_user(s, login);
  detail.application = account_store::latest_application(s.store, login);
  if (const auto change = account_store::pending_change(s.store, login))
    detail.pending = pending_of(detail.user, *change, s.now);
  for (auto& t : account_store::terminations_of(s.store, login)) detail.terminations.push_back(judged(std::move(t)));
  detail.cert_losses = account_store::cert_losses_of(s.store, login);
  detail.timeline = account_store::events_of(s.store, login);
  return detail;
}

std::vector<User> roster(Session& s) {
  auto users = account_store::load_users(s.store, std::nullopt);
  std::erase_if(users, [](const User& u) { return !has_account(u); });
  return users;
}

std::vector<Application> open_applications(Session& s) { return account_store::open_applications(s.store); }

// --- applications (R3.2) ---

void apply(Session& s, const std::string& login, const std::vector<Item>& items, std::optional<Date> on) {
  WriteTransaction tx(s.store, s.actor, Command::acct_apply, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  if (user.status != AccountStatus::none && user.status != AccountStatus::terminated)
    throw RejectedInput(fmt::format("{} cannot apply: the account is {}", login, status_name(user.status)));
  if (items.empty()) throw RejectedInput("an application needs at least one query item");
  const Date day = event_date(s, on, "application");
  account_store::insert_application(tx, login, items, day);
  account_store::update_status(tx, login, AccountStatus::pending);
  account_store::insert_event(tx, login, format_date(day), "applied", join_items(items));
  tx.commit();
}

void approve(Session& s, const std::string& login, Stage stage, std::optional<Date> on,
             const std::optional<std::string>& ref) {
  WriteTransaction tx(s.store, s.actor, Command::acct_approve, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  const auto application = account_store::latest_application(s.store, login);
  if (user.status != AccountStatus::pending || !application || application->stage == Stage::agency)
    throw RejectedInput(fmt::format("{} has no application under way", login),
                        fmt::format("start one: acct apply {} --items ITEMS", login));
  if (stage == Stage::applied) throw RejectedInput("--stage must be head, county or agency");
  const Stage expected = static_cast<Stage>(static_cast<int>(application->stage) + 1);
  if (stage != expected)  // R3.2: head of office, then the county, then the Agency
    throw RejectedInput(fmt::format("{}'s application is at stage {}; the next stage is {}, not {}", login,
                                    stage_name(application->stage), stage_name(expected), stage_name(stage)));
  if (ref && stage != Stage::agency) throw RejectedInput("--ref is the Agency's document number: use it with --stage agency");
  const Date day = event_date(s, on, "approval");
  if (day < application->stage_on())
    throw RejectedInput(fmt::format("the {} approval date {} is before the previous stage ({})", stage_name(stage),
                                    format_date(day), format_date(application->stage_on())));
  account_store::advance_application(tx, application->id, stage, day, ref);
  if (stage == Stage::agency) account_store::activate(tx, login, application->items, day);
  account_store::insert_event(tx, login, format_date(day), fmt::format("approved: {}", stage_name(stage)),
                              stage == Stage::agency ? fmt::format("account active; items {}{}",
                                                                   join_items(application->items),
                                                                   ref ? "; ref " + *ref : "")
                                                     : "");
  tx.commit();
}

// --- duty changes and terminations ---

DutyChange record_duty_change(Session& s, const std::string& login, DutyChangeKind kind, Date effective) {
  WriteTransaction tx(s.store, s.actor, Command::acct_change, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  require_account(user, "record a duty change for");
  if (const auto pending = account_store::pending_change(s.store, login))
    throw RejectedInput(fmt::format("{} has a duty change pending already ({} on {}, deadline {})", login,
                                    duty_change_name(pending->kind), format_date(pending->effective_on),
                                    format_date(pending->deadline_on)));
  DutyChange change;
  change.login = login;
  change.kind = kind;
  change.effective_on = effective;  // spec §1: a duty change may be recorded ahead of its date
  const HolidayCalendar calendar = calendar_for(s.config.rules);
  change.deadline_on = termination_deadline(effective, s.config.rules, calendar);
  change.warnings = calendar_gaps(effective, change.deadline_on, s.config.rules, calendar);
  change.counting = s.config.rules.deadline_counting == DeadlineCounting::calendar ? "calendar" : "admin-procedure";
  change.id = account_store::insert_duty_change(tx, change);
  account_store::insert_event(tx, login, format_date(effective), fmt::format("duty change: {}", duty_change_name(kind)),
                              fmt::format("terminate by the end of {}", format_date(change.deadline_on)));
  tx.commit();
  return change;
}

Termination terminate(Session& s, const std::string& login, TerminationReason reason, std::optional<Date> on) {
  WriteTransaction tx(s.store, s.actor, Command::acct_terminate, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  require_account(user, "terminate");
  const Date day = event_date(s, on, "termination");
  Termination t = terminate_in(tx, s, user, reason, day);
  tx.commit();
  return t;
}

std::vector<PendingTermination> due(Session& s, std::optional<int> within) {
  std::vector<PendingTermination> list;
  std::optional<HolidayCalendar> calendar;  // read once, if a deadline was counted with one
  for (const auto& change : account_store::pending_changes(s.store)) {
    const auto user = account_store::find_user(s.store, change.login);
    if (!user) continue;
    auto pending = pending_of(*user, change, s.now);
    if (within && !pending.overdue && pending.days_left > *within) continue;
    if (change.counting == "admin-procedure" && s.config.rules.deadline_counting == DeadlineCounting::admin_procedure) {
      try {
        if (!calendar) calendar = calendar_for(s.config.rules);
        for (auto& w : calendar_gaps(change.effective_on, change.deadline_on, s.config.rules, *calendar))
          pending.change.warnings.push_back(fmt::format("{}: {}", change.login, w));
      } catch (const RejectedInput& e) {  // the list matters more: it still shows the stored deadlines
        pending.change.warnings.push_back(e.what());
      }
    }
    list.push_back(std::move(pending));
  }
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return a.change.deadline_on < b.change.deadline_on;
  });
  return list;
}

std::vector<PendingTermination> all_duty_changes(Session& s) {
  auto list = due(s, std::nullopt);
  for (const auto& change : account_store::answered_changes(s.store)) {
    const auto user = account_store::find_user(s.store, change.login);
    const auto termination = account_store::find_termination(s.store, *change.termination_id);
    if (!user || !termination) continue;
    PendingTermination answered{*user, change, days_between(taiwan_date(s.now), change.deadline_on), false,
                                judged(*termination)};
    list.push_back(std::move(answered));
  }
  return list;
}

std::vector<Termination> late_terminations(Session& s, Date from, Date to) {
  std::vector<Termination> list;
  // The days past the deadline that the account stood open on record: deadline + 1 … effective day.
  for (auto& t : account_store::terminations_with_deadline(s.store, to, from)) {
    t = judged(std::move(t));
    if (t.late_days == 0 && !t.backdated()) continue;
    if (termination_effective_day(t.terminated_on, t.recorded_on) < from) continue;
    list.push_back(std::move(t));
  }
  return list;
}

Termination record_cert_loss(Session& s, const std::string& login, Instant lost_at, std::optional<Instant> notified_at,
                             const std::optional<std::string>& ref) {
  WriteTransaction tx(s.store, s.actor, Command::acct_cert_lost, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  if (!has_account(user) && notified_at) {
    // The Agency told after the loss was recorded: complete that record instead of a new loss.
    const auto losses = account_store::cert_losses_of(s.store, login);
    if (!losses.empty() && !losses.back().notified_at && losses.back().lost_at == lost_at) {
      if (*notified_at > s.now || *notified_at < lost_at)
        throw RejectedInput("the notification time must lie between the loss and now");
      account_store::set_cert_loss_notified(tx, losses.back().id, *notified_at, ref);
      account_store::insert_event(tx, login, format_time(*notified_at), "Agency notified of the lost certificate",
                                  taiwan_date(*notified_at) > taiwan_date(lost_at)
                                      ? "later than the day of the loss: a finding under R3.6"
                                      : "");
      tx.commit();
      return account_store::terminations_of(s.store, login).back();
    }
  }
  require_account(user, "record a lost certificate for");
  if (lost_at > s.now) throw RejectedInput(fmt::format("the loss time {} lies in the future", format_time(lost_at)));
  if (notified_at && *notified_at > s.now)
    throw RejectedInput(fmt::format("the notification time {} lies in the future", format_time(*notified_at)));
  if (notified_at && *notified_at < lost_at)
    throw RejectedInput("the Agency cannot have been notified before the certificate was lost");
  CertLoss loss{0, login, lost_at, notified_at, ref};
  // R3.6: the account ends at once, on the day of the loss.
  Termination t = terminate_in(tx, s, user, TerminationReason::cert_lost, taiwan_date(lost_at));
  account_store::insert_cert_loss(tx, loss, t.id);
  account_store::insert_event(
      tx, login, format_time(lost_at), "certificate lost",
      notified_at ? fmt::format("Agency notified {}{}", format_time(*notified_at),
                                loss.notified_late() ? " (later than the day of the loss: a finding under R3.6)" : "")
                  : "Agency not yet notified (a finding under R3.6)");
  tx.commit();
  return t;
}

void suspend(Session& s, const std::string& login, const std::string& reason) {
  WriteTransaction tx(s.store, s.actor, Command::acct_suspend, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  detail::suspend_in(tx, s, user, reason);
  tx.commit();
}

void reinstate(Session& s, const std::string& login) {
  WriteTransaction tx(s.store, s.actor, Command::acct_reinstate, s.now);  // first: the checks below read under the lock
  const User user = require_user(s, login);
  if (user.status != AccountStatus::suspended)
    throw RejectedInput(fmt::format("cannot reinstate {}: the account is {}, not suspended", login,
                                    status_name(user.status)));
  account_store::end_suspension(tx, login);
  account_store::update_status(tx, login, AccountStatus::active);
  account_store::insert_event(tx, login, format_date(today(s)), "reinstated", "");
  tx.commit();
}

// --- the Agency registration (R3.5) ---

void register_agency(Session& s, const std::string& by, const std::vector<std::string>& functions,
                     std::optional<Date> on) {
  WriteTransaction tx(s.store, s.actor, Command::acct_agency_register, s.now);  // first: the checks below read under the lock
  require_user(s, by);
  if (functions.empty()) throw RejectedInput("--functions needs audit and/or account-admin");
  for (const auto& f : functions)
    if (f != "audit" && f != "account-admin")
      throw RejectedInput(fmt::format("unknown function \"{}\" (use audit or account-admin)", f));
  for (const auto& r : account_store::load_registrations(s.store))
    if (!r.approved_on)
      throw RejectedInput(fmt::format("registration #{} of {} is still waiting for the Agency", r.id,
                                      format_date(r.registered_on)),
                          "record its approval first: acct agency approve");
  AgencyRegistration r{0, by, functions, event_date(s, on, "registration"), std::nullopt};
  account_store::insert_registration(tx, r);
  tx.commit();
}

void approve_agency(Session& s, std::optional<Date> on) {
  WriteTransaction tx(s.store, s.actor, Command::acct_agency_approve, s.now);  // first: the checks below read under the lock
  const Date day = event_date(s, on, "approval");
  for (const auto& r : account_store::load_registrations(s.store)) {
    if (r.approved_on) continue;
    if (day < r.registered_on)
      throw RejectedInput(fmt::format("the approval date {} is before the registration ({})", format_date(day),
                                      format_date(r.registered_on)));
    account_store::approve_registration(tx, r.id, day);
    tx.commit();
    return;
  }
  throw RejectedInput("no Agency registration is waiting for approval",
                      "register first: acct agency register --by LOGIN --functions audit,account-admin");
}

std::vector<AgencyRegistration> agency_registrations(Session& s) { return account_store::load_registrations(s.store); }

// --- the semiannual review (R4.4) ---

std::string review_period_of(Date day) { return fmt::format("{}H{}", day.year, day.month <= 6 ? 1 : 2); }

namespace {

bool valid_period(const std::string& period) {
  return period.size() == 6 && (period.substr(4) == "H1" || period.substr(4) == "H2") &&
         std::all_of(period.begin(), period.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
}

std::string next_period(const std::string& period) {
  const int year = std::stoi(period.substr(0, 4));
  return period.ends_with("H1") ? fmt::format("{}H2", year) : fmt::format("{}H1", year + 1);
}

}  // namespace

Review start_review(Session& s, const std::optional<std::string>& period) {
  WriteTransaction tx(s.store, s.actor, Command::acct_review_start, s.now);  // first: the checks below read under the lock
  const std::string name = period.value_or(review_period_of(today(s)));
  if (!valid_period(name)) throw RejectedInput(fmt::format("not a half-year: \"{}\" (use e.g. 2026H2)", name));
  if (name > review_period_of(today(s))) throw RejectedInput(fmt::format("the half-year {} has not begun", name));
  if (const auto open = account_store::open_review(s.store))
    throw RejectedInput(fmt::format("the review of {} is still open", open->period), "close it first: acct review close");
  if (account_store::review_exists(s.store, name)) throw RejectedInput(fmt::format("{} has been reviewed already", name));
  Review review = account_store::insert_review(tx, name, today(s));
  tx.commit();
  return review;
}

void decide_review(Session& s, const std::string& login, bool keep, const std::optional<std::string>& note) {
  WriteTransaction tx(s.store, s.actor, Command::acct_review_decide, s.now);  // first: the checks below read under the lock
  const auto review = account_store::open_review(s.store);
  if (!review) throw RejectedInput("no review is open", "start one: acct review start");
  const User user = require_user(s, login);
  require_account(user, "review");
  for (const auto& d : account_store::load_decisions(s.store, review->id))
    if (d.login == login)
      throw RejectedInput(fmt::format("{} has been decided already in the review of {} ({})", login, review->period,
                                      d.decision));
  account_store::insert_decision(tx, review->id, {login, keep ? "keep" : "revoke", note});
  account_store::insert_event(tx, login, format_date(today(s)),
                              fmt::format("review {}: {}", review->period, keep ? "kept" : "revoked"), note.value_or(""));
  if (!keep) terminate_in(tx, s, user, TerminationReason::review, today(s));
  tx.commit();
}

ReviewStatus review_status(Session& s) {
  ReviewStatus status;
  status.review = account_store::open_review(s.store);
  if (!status.review) status.review = account_store::latest_review(s.store);
  if (status.review) {
    const auto decisions = account_store::load_decisions(s.store, status.review->id);
    for (auto& user : account_store::load_users(s.store, std::nullopt)) {
      const auto d = std::find_if(decisions.begin(), decisions.end(), [&](const auto& x) { return x.login == user.login; });
      if (d == decisions.end() && !has_account(user)) continue;
      ReviewLine line{std::move(user), std::nullopt, std::nullopt};
      if (d != decisions.end()) {
        line.decision = d->decision;
        line.note = d->note;
      }
      status.lines.push_back(std::move(line));
    }
  }
  // R4.4: every half-year since the office began, but the current one, needs a closed review.
  const auto closed = account_store::closed_review_periods(s.store);
  const auto accounts_since = first_account_day(s);
  if (accounts_since) {
    const std::string current = review_period_of(today(s));
    for (std::string p = review_period_of(*accounts_since); p < current; p = next_period(p))
      if (std::find(closed.begin(), closed.end(), p) == closed.end()) status.missed_periods.push_back(p);
  }
  return status;
}

std::optional<Date> first_account_day(Session& s) {
  std::optional<Date> first;
  for (const auto& user : account_store::load_users(s.store, std::nullopt))
    if (user.active_since && (!first || *user.active_since < *first)) first = user.active_since;
  return first;
}

void close_review(Session& s) {
  WriteTransaction tx(s.store, s.actor, Command::acct_review_close, s.now);  // first: the checks below read under the lock
  const auto review = account_store::open_review(s.store);
  if (!review) throw RejectedInput("no review is open");
  const auto decisions = account_store::load_decisions(s.store, review->id);
  std::vector<std::string> undecided;
  for (const auto& user : account_store::load_users(s.store, std::nullopt))
    if (has_account(user) && std::none_of(decisions.begin(), decisions.end(),
                                          [&](const auto& d) { return d.login == user.login; }))
      undecided.push_back(user.login);
  if (!undecided.empty())
    throw RejectedInput(fmt::format("the review of {} cannot close: {} undecided ({})", review->period,
                                    undecided.size(), fmt::join(undecided, ", ")),
                        "decide each: acct review decide LOGIN --keep|--revoke");
  account_store::close_review(tx, review->id, today(s));
  tx.commit();
}

Backup backup(Session& s, const std::filesystem::path& target, bool with_key) {
  require_permission(s.store, s.actor, Command::acct_backup);
  Backup result;
  result.file = target;
  const auto key = subject_key_of(s);
  result.office_has_key = std::filesystem::exists(key);
  const auto key_copy = subject_key_path(target);
  // Before writing anything, so that a refused backup leaves nothing behind.
  if (with_key && result.office_has_key && std::filesystem::exists(key_copy))
    throw RejectedInput(fmt::format("{} exists already; choose a new backup file", key_copy.string()));
  s.store.backup_to(target);
  if (!with_key || !result.office_has_key) return result;
  try {
    if (copy_subject_key(s, key_copy)) result.key = key_copy;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(target, ignored);  // asked for with its key, half a backup is none
    throw;
  }
  return result;
}

}  // namespace imcomply
