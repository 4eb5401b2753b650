#pragma once
// The account lifecycle of R3.1–R3.6, R4.4 and R5: roster, applications, duty changes,
// terminations, suspensions, the Agency registration and the semiannual review.
// Every write is one transaction with its journal records; every rule lives here once.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/dates.hpp"
#include "imcomply/items.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/session.hpp"

namespace imcomply {

enum class AccountStatus { none, pending, active, suspended, terminated };
std::string_view status_name(AccountStatus status);
AccountStatus parse_status(std::string_view text);

/// R3.2's stages, in order: the applicant, the head of office, the county, the Agency.
enum class Stage { applied, head, county, agency };
std::string_view stage_name(Stage stage);
Stage parse_stage(std::string_view text);

enum class DutyChangeKind { reassignment, transfer, suspension, resignation, retirement };
std::string_view duty_change_name(DutyChangeKind kind);
DutyChangeKind parse_duty_change(std::string_view text);

enum class TerminationReason { duty_change, cert_lost, violation, review, request };
std::string_view termination_reason_name(TerminationReason reason);
TerminationReason parse_termination_reason(std::string_view text);

struct Office {
  std::string code;
  std::string name;
};

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> unit;
  AccountStatus status = AccountStatus::none;
  std::vector<Item> items;  ///< granted
  std::optional<std::string> deputy;
  std::optional<Date> active_since;
  std::vector<Role> roles;
};

struct Application {
  std::int64_t id = 0;
  std::string login;
  std::vector<Item> items;
  Stage stage = Stage::applied;
  Date applied_on{};
  std::optional<Date> head_on, county_on, agency_on;
  std::optional<std::string> agency_ref;
  /// The date of the stage it has reached.
  Date stage_on() const;
};

struct DutyChange {
  std::int64_t id = 0;
  std::string login;
  DutyChangeKind kind{};
  Date effective_on{};
  Date deadline_on{};
  std::string counting;  ///< "calendar" | "admin-procedure", as in force when recorded
  std::optional<std::int64_t> termination_id;
  /// Not stored: a deadline counted through a year the holiday calendar does not cover.
  std::vector<std::string> warnings;
};

struct Termination {
  std::int64_t id = 0;
  std::string login;
  TerminationReason reason{};
  Date terminated_on{};                 ///< as given (--date)
  Date recorded_on{};                   ///< the Taiwan day it was recorded
  std::optional<Date> deadline_on;      ///< of the duty change it answered
  int late_days = 0;                    ///< after the deadline, by the later of the two days
  /// Recorded after its deadline with an earlier date: shown as such, never as on time.
  bool backdated() const;
};

struct CertLoss {
  std::int64_t id = 0;
  std::string login;
  Instant lost_at{};
  std::optional<Instant> notified_at;
  std::optional<std::string> ref;
  /// R3.6 "at once": a notification missing, or later than the day of the loss, is a finding.
  bool notified_late() const;
};

struct Event {
  std::string happened;  ///< the event's own date or time, ISO
  std::string kind;
  std::string detail;
  std::string actor;    ///< the roster login it was done as
  std::string os_user;  ///< the OS user who ran the command (differs when done --as someone)
};

/// A duty change still waiting for its termination; with `due --all`, also one answered.
struct PendingTermination {
  User user;
  DutyChange change;
  int days_left = 0;  ///< to the end of the deadline day; negative once overdue
  bool overdue = false;
  std::optional<Termination> termination;  ///< the answer, when there is one (never overdue then)
};

struct UserDetail {
  User user;
  std::optional<Application> application;  ///< the latest
  std::optional<PendingTermination> pending;
  std::vector<Termination> terminations;
  std::vector<CertLoss> cert_losses;
  std::vector<Event> timeline;
};

struct AgencyRegistration {
  std::int64_t id = 0;
  std::string registered_by;
  std::vector<std::string> functions;
  Date registered_on{};
  std::optional<Date> approved_on;
};

struct Review {
  std::int64_t id = 0;
  std::string period;  ///< "2026H2"
  Date started_on{};
  std::optional<Date> closed_on;
};

struct ReviewLine {
  User user;
  std::optional<std::string> decision;  ///< "keep" | "revoke"; nullopt while undecided
  std::optional<std::string> note;
};

struct ReviewStatus {
  std::optional<Review> review;         ///< the open one, else the latest
  std::vector<ReviewLine> lines;
  std::vector<std::string> missed_periods;  ///< R4.4: past half-years with no closed review
};

/// When an account could query, and what: the Agency's approvals, terminations and suspensions.
struct AccountHistory {
  struct Period {
    Date from{};               ///< the Agency's approval
    std::optional<Date> to;    ///< the termination day (still active that day), nullopt while open
    std::optional<Instant> ended_at;  ///< when the termination was recorded: no session starts at or after it
    std::vector<Item> items;   ///< granted in that period
    /// A session at `t` (on `day`) falls in the period: from the approval day to the termination
    /// day, and before the termination was recorded (issue 11: not after it, the same day).
    bool covers(Date day, Instant t) const { return day >= from && (!to || day <= *to) && (!ended_at || t < *ended_at); }
  };
  struct Suspension {
    Instant from{};
    std::optional<Instant> to;
  };
  std::vector<Period> periods;
  std::vector<Suspension> suspensions;

  bool active_at(Instant t) const;
  /// The items granted at `t`; empty when not active.
  std::vector<Item> items_at(Instant t) const;
};
AccountHistory account_history(Session& s, const std::string& login);

// --- the office and the roster (R3.1) ---

struct InitRequest {
  std::string office_code, office_name, admin_login, admin_name;
  std::optional<std::string> admin_os_user;  ///< the OS user behind admin_login (default: the same name)
};
/// Creates the database with its office and first administrator; an existing file is refused.
void init_office(const std::filesystem::path& path, std::chrono::milliseconds wait, const Actor& actor, Instant now,
                 const InitRequest& request);
Office office(Session& s);

struct NewUser {
  std::string login, name;
  std::optional<std::string> title, unit;
  std::optional<std::string> os_user;  ///< the OS user behind the login (default: the same name)
};
void add_user(Session& s, const NewUser& user);
void grant_role(Session& s, const std::string& login, Role role);
void revoke_role(Session& s, const std::string& login, Role role);
void set_deputy(Session& s, const std::string& login, const std::optional<std::string>& deputy);

std::vector<User> list_users(Session& s, std::optional<AccountStatus> status);
UserDetail show_user(Session& s, const std::string& login);
/// 使用者名冊: users whose account the Agency approved and that is not terminated.
std::vector<User> roster(Session& s);
/// The latest application of each user whose application is under way.
std::vector<Application> open_applications(Session& s);

// --- applications (R3.2) ---

void apply(Session& s, const std::string& login, const std::vector<Item>& items, std::optional<Date> on);
/// Moves an application to `stage`, which must be the next one; agency makes the account active.
void approve(Session& s, const std::string& login, Stage stage, std::optional<Date> on,
             const std::optional<std::string>& ref);

// --- duty changes and terminations (R3.4, R3.6, R5) ---

DutyChange record_duty_change(Session& s, const std::string& login, DutyChangeKind kind, Date effective);
Termination terminate(Session& s, const std::string& login, TerminationReason reason, std::optional<Date> on);
/// Pending terminations, most urgent first; with `within`, only those due within N days (and all overdue).
std::vector<PendingTermination> due(Session& s, std::optional<int> within);
/// Every duty change: the pending ones as due() lists them, then those answered by a termination
/// (on time, late or backdated), latest deadline first.
std::vector<PendingTermination> all_duty_changes(Session& s);
/// R3.4's findings for [from, to], the one evaluator of Annex 2 and Annex 3 item 2: terminations
/// late by their date or by the day they were recorded (backdated), in each period holding one of
/// the days the account stood open on record past its deadline.
std::vector<Termination> late_terminations(Session& s, Date from, Date to);
/// R3.6: terminates at once. Run again with the same --at and --notified-at once the Agency has
/// been told, to complete a loss recorded without it.
Termination record_cert_loss(Session& s, const std::string& login, Instant lost_at, std::optional<Instant> notified_at,
                             const std::optional<std::string>& ref);
void suspend(Session& s, const std::string& login, const std::string& reason);
void reinstate(Session& s, const std::string& login);

// --- the Agency registration (R3.5) ---

void register_agency(Session& s, const std::string& by, const std::vector<std::string>& functions,
                     std::optional<Date> on);
void approve_agency(Session& s, std::optional<Date> on);
std::vector<AgencyRegistration> agency_registrations(Session& s);

// --- the semiannual review (R4.4) ---

/// "2026H2" for a date in July–December 2026.
std::string review_period_of(Date day);
Review start_review(Session& s, const std::optional<std::string>& period);
void decide_review(Session& s, const std::string& login, bool keep, const std::optional<std::string>& note);
ReviewStatus review_status(Session& s);

/// The first day an account of the office was active: the rules ask nothing of the days before
/// it (reviews, sheets, audit records). One place, for the review status and the questions.
std::optional<Date> first_account_day(Session& s);
void close_review(Session& s);

struct Backup {
  std::filesystem::path file;
  bool office_has_key = false;              ///< DB.key exists (a system log was imported)
  std::optional<std::filesystem::path> key;  ///< TARGET.key, when copied
};
/// A consistent, private copy of the database (spec §7 "Backups"). The subject key (DB.key) is
/// copied beside it as TARGET.key only `with_key`: with the key, the masks of the system log give
/// the ID numbers back, so by default a backup holds none.
Backup backup(Session& s, const std::filesystem::path& target, bool with_key);

}  // namespace imcomply
