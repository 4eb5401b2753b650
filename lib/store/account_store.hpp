#pragma once
// lib/ only: the SQL behind accounts.cpp. Reads take the Store; writes take the open
// WriteTransaction and journal every row they touch, so no change escapes the chain.
#include <optional>
#include <string>
#include <vector>

#include "imcomply/accounts.hpp"

namespace imcomply::account_store {

void insert_office(WriteTransaction& tx, const Office& office);
std::optional<Office> load_office(Store& store);

std::optional<User> find_user(Store& store, const std::string& login);
std::vector<User> load_users(Store& store, std::optional<AccountStatus> status);
void insert_user(WriteTransaction& tx, const NewUser& user);
void update_status(WriteTransaction& tx, const std::string& login, AccountStatus status);
void activate(WriteTransaction& tx, const std::string& login, const std::vector<Item>& items, Date since);
void update_deputy(WriteTransaction& tx, const std::string& login, const std::optional<std::string>& deputy);
std::vector<std::string> logins_deputised_by(Store& store, const std::string& deputy);

/// Approved applications (agency_on, items), termination days and suspensions, each in time order.
std::vector<std::pair<Date, std::vector<Item>>> approvals_of(Store& store, const std::string& login);
/// Each termination's day and the moment it was recorded, in the order of the day.
std::vector<std::pair<Date, Instant>> termination_moments_of(Store& store, const std::string& login);
std::vector<AccountHistory::Suspension> suspensions_of(Store& store, const std::string& login);

std::vector<Role> load_roles(Store& store, const std::string& login);
int count_holders(Store& store, Role role);
void insert_role(WriteTransaction& tx, const std::string& login, Role role);
void delete_role(WriteTransaction& tx, const std::string& login, Role role);

std::optional<Application> latest_application(Store& store, const std::string& login);
std::vector<Application> open_applications(Store& store);
void insert_application(WriteTransaction& tx, const std::string& login, const std::vector<Item>& items, Date on);
void advance_application(WriteTransaction& tx, std::int64_t id, Stage stage, Date on,
                         const std::optional<std::string>& ref);

std::optional<DutyChange> pending_change(Store& store, const std::string& login);
std::vector<DutyChange> pending_changes(Store& store);
/// Duty changes answered by a termination, latest deadline first.
std::vector<DutyChange> answered_changes(Store& store);
std::int64_t insert_duty_change(WriteTransaction& tx, const DutyChange& change);

std::int64_t insert_termination(WriteTransaction& tx, const Termination& termination);
void link_termination(WriteTransaction& tx, std::int64_t change_id, std::int64_t termination_id);
std::vector<Termination> terminations_of(Store& store, const std::string& login);
std::optional<Termination> find_termination(Store& store, std::int64_t id);
/// Terminations of a duty change whose deadline is before `deadline_before`, dated or recorded on
/// or after `since`: those that may have stood past their deadline within a period.
std::vector<Termination> terminations_with_deadline(Store& store, Date deadline_before, Date since);

void insert_cert_loss(WriteTransaction& tx, const CertLoss& loss, std::int64_t termination_id);
std::vector<CertLoss> cert_losses_of(Store& store, const std::string& login);
void set_cert_loss_notified(WriteTransaction& tx, std::int64_t id, Instant notified_at,
                            const std::optional<std::string>& ref);

void insert_suspension(WriteTransaction& tx, const std::string& login, const std::string& reason);
void end_suspension(WriteTransaction& tx, const std::string& login);

void insert_registration(WriteTransaction& tx, const AgencyRegistration& registration);
std::vector<AgencyRegistration> load_registrations(Store& store);
void approve_registration(WriteTransaction& tx, std::int64_t id, Date on);

std::optional<Review> open_review(Store& store);
std::optional<Review> latest_review(Store& store);
bool review_exists(Store& store, const std::string& period);
std::vector<std::string> closed_review_periods(Store& store);
Review insert_review(WriteTransaction& tx, const std::string& period, Date on);
void close_review(WriteTransaction& tx, std::int64_t id, Date on);
struct Decision {
  std::string login, decision;
  std::optional<std::string> note;
};
std::vector<Decision> load_decisions(Store& store, std::int64_t review_id);
void insert_decision(WriteTransaction& tx, std::int64_t review_id, const Decision& decision);

void insert_event(WriteTransaction& tx, const std::string& login, const std::string& happened, const std::string& kind,
                  const std::string& detail);
std::vector<Event> events_of(Store& store, const std::string& login);

}  // namespace imcomply::account_store
