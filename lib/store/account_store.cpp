#include "store/account_store.hpp"

#include <algorithm>

#include "imcomply/text.hpp"
#include "store/store_impl.hpp"

namespace imcomply::account_store {

using namespace sql;
namespace {





std::string now_text(WriteTransaction& tx) { return format_time(tx.now()); }

/// Runs an INSERT or UPDATE and journals the row it touched.
std::int64_t write(WriteTransaction& tx, Query& statement, std::string_view table,
                   std::optional<std::int64_t> row_id = std::nullopt) {
  statement.run();
  const std::int64_t id = row_id ? *row_id : connection_of(tx).last_insert_id();
  tx.journal(table, id);
  return id;
}

std::int64_t id_of_user(WriteTransaction& tx, const std::string& login) {
  Query query(connection_of(tx), "SELECT id FROM users WHERE login = ?");
  query.bind(1, login);
  if (!query.step()) throw RejectedInput("unknown user " + login);
  return query.integer(0);
}

constexpr const char* user_columns = "id, login, name, title, unit, status, items, deputy, active_since";

User read_user(Query& row) {
  User user;
  user.id = row.integer(0);
  user.login = row.text(1);
  user.name = row.text(2);
  user.title = row.optional_text(3);
  user.unit = row.optional_text(4);
  user.status = parse_status(row.text(5));
  user.items = split_items(row.text(6));
  user.deputy = row.optional_text(7);
  user.active_since = row.optional_date(8);
  return user;
}

constexpr const char* application_columns =
    "id, login, items, stage, applied_on, head_on, county_on, agency_on, agency_ref";

Application read_application(Query& row) {
  Application a;
  a.id = row.integer(0);
  a.login = row.text(1);
  a.items = split_items(row.text(2));
  a.stage = parse_stage(row.text(3));
  a.applied_on = row.date(4);
  a.head_on = row.optional_date(5);
  a.county_on = row.optional_date(6);
  a.agency_on = row.optional_date(7);
  a.agency_ref = row.optional_text(8);
  return a;
}

constexpr const char* change_columns = "id, login, kind, effective_on, deadline_on, counting, termination_id";

DutyChange read_change(Query& row) {
  DutyChange c;
  c.id = row.integer(0);
  c.login = row.text(1);
  c.kind = parse_duty_change(row.text(2));
  c.effective_on = row.date(3);
  c.deadline_on = row.date(4);
  c.counting = row.text(5);
  if (!row.is_null(6)) c.termination_id = row.integer(6);
  return c;
}

constexpr const char* termination_columns = "id, login, reason, terminated_on, deadline_on, late_days, recorded_at";

Termination read_termination(Query& row) {
  Termination t;
  t.id = row.integer(0);
  t.login = row.text(1);
  t.reason = parse_termination_reason(row.text(2));
  t.terminated_on = row.date(3);
  t.deadline_on = row.optional_date(4);
  t.late_days = static_cast<int>(row.integer(5));
  t.recorded_on = taiwan_date(row.time(6));
  return t;
}

Review read_review(Query& row) {
  Review r;
  r.id = row.integer(0);
  r.period = row.text(1);
  r.started_on = row.date(2);
  r.closed_on = row.optional_date(3);
  return r;
}

}  // namespace

void insert_office(WriteTransaction& tx, const Office& office) {
  Query insert(connection_of(tx), "INSERT INTO office (id, code, name, created_at) VALUES (1, ?, ?, ?)");
  insert.bind(1, office.code);
  insert.bind(2, office.name);
  insert.bind(3, now_text(tx));
  write(tx, insert, "office");
}

std::optional<Office> load_office(Store& store) {
  Query query(connection_of(store), "SELECT code, name FROM office WHERE id = 1");
  if (!query.step()) return std::nullopt;
  return Office{query.text(0), query.text(1)};
}

std::optional<User> find_user(Store& store, const std::string& login) {
  Query query(connection_of(store), std::string("SELECT ") + user_columns + " FROM users WHERE login = ?");
  query.bind(1, login);
  if (!query.step()) return std::nullopt;
  User user = read_user(query);
  user.roles = load_roles(store, login);
  return user;
}

std::vector<User> load_users(Store& store, std::optional<AccountStatus> status) {
  Query query(connection_of(store), std::string("SELECT ") + user_columns +
                                            " FROM users WHERE CAST(?1 AS TEXT) IS NULL OR status = ?1 ORDER BY login");
  if (status)
    query.bind(1, std::string(status_name(*status)));
  else
    query.bind_null(1);
  std::vector<User> users;
  while (query.step()) users.push_back(read_user(query));
  for (auto& user : users) user.roles = load_roles(store, user.login);
  return users;
}

void insert_user(WriteTransaction& tx, const NewUser& user) {
  Query insert(connection_of(tx), "INSERT INTO users (login, name, title, unit, added_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, user.login);
  insert.bind(2, user.name);
  insert.bind(3, user.title);
  insert.bind(4, user.unit);
  insert.bind(5, now_text(tx));
  write(tx, insert, "users");
}

void update_status(WriteTransaction& tx, const std::string& login, AccountStatus status) {
  Query update(connection_of(tx), "UPDATE users SET status = ? WHERE login = ?");
  update.bind(1, std::string(status_name(status)));
  update.bind(2, login);
  write(tx, update, "users", id_of_user(tx, login));
}

void activate(WriteTransaction& tx, const std::string& login, const std::vector<Item>& items, Date since) {
  Query update(connection_of(tx),
                           "UPDATE users SET status = 'active', items = ?, active_since = ? WHERE login = ?");
  update.bind(1, join_items(items));
  update.bind(2, format_date(since));
  update.bind(3, login);
  write(tx, update, "users", id_of_user(tx, login));
}

void update_deputy(WriteTransaction& tx, const std::string& login, const std::optional<std::string>& deputy) {
  Query update(connection_of(tx), "UPDATE users SET deputy = ? WHERE login = ?");
  update.bind(1, deputy);
  update.bind(2, login);
  write(tx, update, "users", id_of_user(tx, login));
}

std::vector<std::string> logins_deputised_by(Store& store, const std::string& deputy) {
  Query query(connection_of(store), "SELECT login FROM users WHERE deputy = ? ORDER BY login");
  query.bind(1, deputy);
  std::vector<std::string> logins;
  while (query.step()) logins.push_back(query.text(0));
  return logins;
}

std::vector<std::pair<Date, std::vector<Item>>> approvals_of(Store& store, const std::string& login) {
  Query query(connection_of(store),
                          "SELECT agency_on, items FROM applications WHERE login = ? AND stage = 'agency' "
                          "ORDER BY agency_on, id");
  query.bind(1, login);
  std::vector<std::pair<Date, std::vector<Item>>> list;
  while (query.step())
    list.emplace_back(query.date(0), split_items(query.text(1)));
  return list;
}

std::vector<std::pair<Date, Instant>> termination_moments_of(Store& store, const std::string& login) {
  Query query(connection_of(store),
                          "SELECT terminated_on, recorded_at FROM terminations WHERE login = ? ORDER BY terminated_on, id");
  query.bind(1, login);
  std::vector<std::pair<Date, Instant>> list;
  while (query.step())
    list.emplace_back(query.date(0), query.time(1));
  return list;
}

std::vector<AccountHistory::Suspension> suspensions_of(Store& store, const std::string& login) {
  Query query(connection_of(store),
                          "SELECT suspended_at, reinstated_at FROM suspensions WHERE login = ? ORDER BY suspended_at, id");
  query.bind(1, login);
  std::vector<AccountHistory::Suspension> list;
  while (query.step())
    list.push_back({query.time(0), query.optional_time(1)});
  return list;
}

std::vector<Role> load_roles(Store& store, const std::string& login) {
  Query query(connection_of(store), "SELECT role FROM roles WHERE login = ?");
  query.bind(1, login);
  std::vector<Role> roles;
  while (query.step()) roles.push_back(parse_role(query.text(0)));
  std::sort(roles.begin(), roles.end());
  return roles;
}

int count_holders(Store& store, Role role) {
  Query query(connection_of(store), "SELECT count(*) FROM roles WHERE role = ?");
  query.bind(1, std::string(role_name(role)));
  query.step();
  return static_cast<int>(query.integer(0));
}

void insert_role(WriteTransaction& tx, const std::string& login, Role role) {
  Query insert(connection_of(tx), "INSERT INTO roles (login, role, granted_at, granted_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, std::string(role_name(role)));
  insert.bind(3, now_text(tx));
  insert.bind(4, tx.actor().login);
  write(tx, insert, "roles");
}

void delete_role(WriteTransaction& tx, const std::string& login, Role role) {
  Query query(connection_of(tx), "SELECT id FROM roles WHERE login = ? AND role = ?");
  query.bind(1, login);
  query.bind(2, std::string(role_name(role)));
  if (!query.step()) return;
  const std::int64_t id = query.integer(0);
  Query remove(connection_of(tx), "DELETE FROM roles WHERE id = ?");
  remove.bind(1, static_cast<std::int64_t>(id));
  write(tx, remove, "roles", id);
}

std::optional<Application> latest_application(Store& store, const std::string& login) {
  Query query(connection_of(store), std::string("SELECT ") + application_columns +
                                            " FROM applications WHERE login = ? ORDER BY id DESC LIMIT 1");
  query.bind(1, login);
  if (!query.step()) return std::nullopt;
  return read_application(query);
}

std::vector<Application> open_applications(Store& store) {
  Query query(connection_of(store), std::string("SELECT ") + application_columns +
                                            " FROM applications WHERE stage <> 'agency' ORDER BY applied_on, id");
  std::vector<Application> applications;
  while (query.step()) applications.push_back(read_application(query));
  return applications;
}

void insert_application(WriteTransaction& tx, const std::string& login, const std::vector<Item>& items, Date on) {
  Query insert(connection_of(tx),
                           "INSERT INTO applications (login, items, stage, applied_on, applied_by) "
                           "VALUES (?, ?, 'applied', ?, ?)");
  insert.bind(1, login);
  insert.bind(2, join_items(items));
  insert.bind(3, format_date(on));
  insert.bind(4, tx.actor().login);
  write(tx, insert, "applications");
}

void advance_application(WriteTransaction& tx, std::int64_t id, Stage stage, Date on,
                         const std::optional<std::string>& ref) {
  const std::string name(stage_name(stage));  // one of head, county, agency: a column prefix
  Query update(connection_of(tx), "UPDATE applications SET stage = ?1, " + name + "_on = ?2, " + name +
                                          "_by = ?3, agency_ref = coalesce(?4, agency_ref) WHERE id = ?5");
  update.bind(1, name);
  update.bind(2, format_date(on));
  update.bind(3, tx.actor().login);
  update.bind(4, ref);
  update.bind(5, static_cast<std::int64_t>(id));
  write(tx, update, "applications", id);
}

std::optional<DutyChange> pending_change(Store& store, const std::string& login) {
  Query query(connection_of(store), std::string("SELECT ") + change_columns +
                                            " FROM duty_changes WHERE login = ? AND termination_id IS NULL "
                                            "ORDER BY id DESC LIMIT 1");
  query.bind(1, login);
  if (!query.step()) return std::nullopt;
  return read_change(query);
}

std::vector<DutyChange> answered_changes(Store& store) {
  Query query(connection_of(store), std::string("SELECT ") + change_columns +
                                            " FROM duty_changes WHERE termination_id IS NOT NULL "
                                            "ORDER BY deadline_on DESC, login");
  std::vector<DutyChange> changes;
  while (query.step()) changes.push_back(read_change(query));
  return changes;
}

std::vector<DutyChange> pending_changes(Store& store) {
  Query query(connection_of(store), std::string("SELECT ") + change_columns +
                                            " FROM duty_changes WHERE termination_id IS NULL "
                                            "ORDER BY deadline_on, login");
  std::vector<DutyChange> changes;
  while (query.step()) changes.push_back(read_change(query));
  return changes;
}

std::int64_t insert_duty_change(WriteTransaction& tx, const DutyChange& change) {
  Query insert(connection_of(tx),
                           "INSERT INTO duty_changes (login, kind, effective_on, deadline_on, counting, recorded_at, "
                           "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, change.login);
  insert.bind(2, std::string(duty_change_name(change.kind)));
  insert.bind(3, format_date(change.effective_on));
  insert.bind(4, format_date(change.deadline_on));
  insert.bind(5, change.counting);
  insert.bind(6, now_text(tx));
  insert.bind(7, tx.actor().login);
  return write(tx, insert, "duty_changes");
}

std::int64_t insert_termination(WriteTransaction& tx, const Termination& t) {
  Query insert(connection_of(tx),
                           "INSERT INTO terminations (login, reason, terminated_on, deadline_on, late_days, "
                           "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, t.login);
  insert.bind(2, std::string(termination_reason_name(t.reason)));
  insert.bind(3, format_date(t.terminated_on));
  insert.bind(4, t.deadline_on ? std::optional(format_date(*t.deadline_on)) : std::nullopt);
  insert.bind(5, t.late_days);
  insert.bind(6, now_text(tx));
  insert.bind(7, tx.actor().login);
  return write(tx, insert, "terminations");
}

void link_termination(WriteTransaction& tx, std::int64_t change_id, std::int64_t termination_id) {
  Query update(connection_of(tx), "UPDATE duty_changes SET termination_id = ? WHERE id = ?");
  update.bind(1, static_cast<std::int64_t>(termination_id));
  update.bind(2, static_cast<std::int64_t>(change_id));
  write(tx, update, "duty_changes", change_id);
}

std::vector<Termination> terminations_of(Store& store, const std::string& login) {
  Query query(connection_of(store), std::string("SELECT ") + termination_columns +
                                            " FROM terminations WHERE login = ? ORDER BY terminated_on, id");
  query.bind(1, login);
  std::vector<Termination> list;
  while (query.step()) list.push_back(read_termination(query));
  return list;
}

std::optional<Termination> find_termination(Store& store, std::int64_t id) {
  Query query(connection_of(store), std::string("SELECT ") + termination_columns + " FROM terminations WHERE id = ?");
  query.bind(1, static_cast<std::int64_t>(id));
  if (!query.step()) return std::nullopt;
  return read_termination(query);
}

std::vector<Termination> terminations_with_deadline(Store& store, Date deadline_before, Date since) {
  // recorded_at is ISO text in Taiwan time, so a day's bound is a text bound.
  Query query(connection_of(store), std::string("SELECT ") + termination_columns +
                                            " FROM terminations WHERE deadline_on IS NOT NULL AND deadline_on < ?1 "
                                            "AND (terminated_on >= ?2 OR recorded_at >= ?2) ORDER BY terminated_on, id");
  query.bind(1, format_date(deadline_before));
  query.bind(2, format_date(since));
  std::vector<Termination> list;
  while (query.step()) list.push_back(read_termination(query));
  return list;
}

void insert_cert_loss(WriteTransaction& tx, const CertLoss& loss, std::int64_t termination_id) {
  Query insert(connection_of(tx),
                           "INSERT INTO cert_losses (login, lost_at, notified_at, ref, termination_id, recorded_at, "
                           "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, loss.login);
  insert.bind(2, format_time(loss.lost_at));
  insert.bind(3, loss.notified_at ? std::optional(format_time(*loss.notified_at)) : std::nullopt);
  insert.bind(4, loss.ref);
  insert.bind(5, static_cast<std::int64_t>(termination_id));
  insert.bind(6, now_text(tx));
  insert.bind(7, tx.actor().login);
  write(tx, insert, "cert_losses");
}

std::vector<CertLoss> cert_losses_of(Store& store, const std::string& login) {
  Query query(connection_of(store),
                          "SELECT id, login, lost_at, notified_at, ref FROM cert_losses WHERE login = ? ORDER BY id");
  query.bind(1, login);
  std::vector<CertLoss> list;
  while (query.step()) {
    CertLoss loss;
    loss.id = query.integer(0);
    loss.login = query.text(1);
    loss.lost_at = query.time(2);
    loss.notified_at = query.optional_time(3);
    loss.ref = query.optional_text(4);
    list.push_back(loss);
  }
  return list;
}

void set_cert_loss_notified(WriteTransaction& tx, std::int64_t id, Instant notified_at,
                            const std::optional<std::string>& ref) {
  Query update(connection_of(tx), "UPDATE cert_losses SET notified_at = ?, ref = coalesce(?, ref) WHERE id = ?");
  update.bind(1, format_time(notified_at));
  update.bind(2, ref);
  update.bind(3, static_cast<std::int64_t>(id));
  write(tx, update, "cert_losses", id);
}

void insert_suspension(WriteTransaction& tx, const std::string& login, const std::string& reason) {
  Query insert(connection_of(tx),
                           "INSERT INTO suspensions (login, reason, suspended_at, suspended_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, reason);
  insert.bind(3, now_text(tx));
  insert.bind(4, tx.actor().login);
  write(tx, insert, "suspensions");
}

void end_suspension(WriteTransaction& tx, const std::string& login) {
  Query query(connection_of(tx),
                          "SELECT id FROM suspensions WHERE login = ? AND reinstated_at IS NULL ORDER BY id DESC");
  query.bind(1, login);
  if (!query.step()) return;
  const std::int64_t id = query.integer(0);
  Query update(connection_of(tx), "UPDATE suspensions SET reinstated_at = ?, reinstated_by = ? WHERE id = ?");
  update.bind(1, now_text(tx));
  update.bind(2, tx.actor().login);
  update.bind(3, static_cast<std::int64_t>(id));
  write(tx, update, "suspensions", id);
}

void insert_registration(WriteTransaction& tx, const AgencyRegistration& r) {
  std::string functions;
  for (const auto& f : r.functions) functions += (functions.empty() ? "" : ",") + f;
  Query insert(connection_of(tx),
                           "INSERT INTO agency_registrations (registered_by, functions, registered_on, recorded_by) "
                           "VALUES (?, ?, ?, ?)");
  insert.bind(1, r.registered_by);
  insert.bind(2, functions);
  insert.bind(3, format_date(r.registered_on));
  insert.bind(4, tx.actor().login);
  write(tx, insert, "agency_registrations");
}

std::vector<AgencyRegistration> load_registrations(Store& store) {
  Query query(connection_of(store),
                          "SELECT id, registered_by, functions, registered_on, approved_on FROM agency_registrations "
                          "ORDER BY id");
  std::vector<AgencyRegistration> list;
  while (query.step()) {
    AgencyRegistration r;
    r.id = query.integer(0);
    r.registered_by = query.text(1);
    r.functions = split_list(query.text(2));
    r.registered_on = query.date(3);
    r.approved_on = query.optional_date(4);
    list.push_back(r);
  }
  return list;
}

void approve_registration(WriteTransaction& tx, std::int64_t id, Date on) {
  Query update(connection_of(tx), "UPDATE agency_registrations SET approved_on = ? WHERE id = ?");
  update.bind(1, format_date(on));
  update.bind(2, static_cast<std::int64_t>(id));
  write(tx, update, "agency_registrations", id);
}

std::optional<Review> open_review(Store& store) {
  Query query(connection_of(store),
                          "SELECT id, period, started_on, closed_on FROM reviews WHERE closed_on IS NULL "
                          "ORDER BY id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return read_review(query);
}

std::optional<Review> latest_review(Store& store) {
  Query query(connection_of(store),
                          "SELECT id, period, started_on, closed_on FROM reviews ORDER BY id DESC LIMIT 1");
  if (!query.step()) return std::nullopt;
  return read_review(query);
}

bool review_exists(Store& store, const std::string& period) {
  Query query(connection_of(store), "SELECT 1 FROM reviews WHERE period = ?");
  query.bind(1, period);
  return query.step();
}

std::vector<std::string> closed_review_periods(Store& store) {
  Query query(connection_of(store), "SELECT period FROM reviews WHERE closed_on IS NOT NULL ORDER BY period");
  std::vector<std::string> periods;
  while (query.step()) periods.push_back(query.text(0));
  return periods;
}

Review insert_review(WriteTransaction& tx, const std::string& period, Date on) {
  Query insert(connection_of(tx), "INSERT INTO reviews (period, started_on, started_by) VALUES (?, ?, ?)");
  insert.bind(1, period);
  insert.bind(2, format_date(on));
  insert.bind(3, tx.actor().login);
  const std::int64_t id = write(tx, insert, "reviews");
  return Review{id, period, on, std::nullopt};
}

void close_review(WriteTransaction& tx, std::int64_t id, Date on) {
  Query update(connection_of(tx), "UPDATE reviews SET closed_on = ?, closed_by = ? WHERE id = ?");
  update.bind(1, format_date(on));
  update.bind(2, tx.actor().login);
  update.bind(3, static_cast<std::int64_t>(id));
  write(tx, update, "reviews", id);
}

std::vector<Decision> load_decisions(Store& store, std::int64_t review_id) {
  Query query(connection_of(store), "SELECT login, decision, note FROM review_decisions WHERE review_id = ?");
  query.bind(1, static_cast<std::int64_t>(review_id));
  std::vector<Decision> list;
  while (query.step())
    list.push_back({query.text(0), query.text(1), query.optional_text(2)});
  return list;
}

void insert_decision(WriteTransaction& tx, std::int64_t review_id, const Decision& decision) {
  Query insert(connection_of(tx),
                           "INSERT INTO review_decisions (review_id, login, decision, note, decided_at, decided_by) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(review_id));
  insert.bind(2, decision.login);
  insert.bind(3, decision.decision);
  insert.bind(4, decision.note);
  insert.bind(5, now_text(tx));
  insert.bind(6, tx.actor().login);
  write(tx, insert, "review_decisions");
}

void insert_event(WriteTransaction& tx, const std::string& login, const std::string& happened, const std::string& kind,
                  const std::string& detail) {
  Query insert(connection_of(tx),
                           "INSERT INTO events (login, happened, kind, detail, recorded_at, actor, os_user) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, happened);
  insert.bind(3, kind);
  insert.bind(4, detail);
  insert.bind(5, now_text(tx));
  insert.bind(6, tx.actor().login);
  insert.bind(7, tx.actor().os_login);
  write(tx, insert, "events");
}

std::vector<Event> events_of(Store& store, const std::string& login) {
  Query query(connection_of(store),
                          "SELECT happened, kind, detail, actor, os_user FROM events WHERE login = ? ORDER BY happened, id");
  query.bind(1, login);
  std::vector<Event> list;
  while (query.step())
    list.push_back({query.text(0), query.text(1), query.text(2),
                    query.text(3), query.text(4)});
  return list;
}

}  // namespace imcomply::account_store
