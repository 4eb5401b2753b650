#include "store/audit_store.hpp"

#include <fmt/format.h>

#include "store/store_impl.hpp"

namespace imcomply::audit_store {

using namespace sql;
namespace {




std::string year_start(int year) { return fmt::format("{:04}-01-01", year); }
std::string year_end(int year) { return fmt::format("{:04}-12-31", year); }

}  // namespace

std::vector<ApprovalRecord> approved_applications(Store& store, Date until) {
  Query q(connection_of(store),
                      "SELECT login, head_on, county_on, agency_on, applied_by, head_by, county_by, agency_by "
                      "FROM applications WHERE stage = 'agency' AND agency_on <= ? ORDER BY login, id");
  q.bind(1, format_date(until));
  std::vector<ApprovalRecord> list;
  while (q.step())
    list.push_back({q.text(0), q.optional_date(1), q.optional_date(2),
                    q.optional_date(3), q.text(4), q.optional_text(5),
                    q.optional_text(6), q.optional_text(7)});
  return list;
}

std::vector<LateNotice> cert_losses_between(Store& store, Date from, Date to) {
  Query q(connection_of(store),
                      "SELECT login, lost_at, notified_at FROM cert_losses WHERE lost_at >= ? AND lost_at < ? ORDER BY lost_at");
  q.bind(1, format_date(from));
  q.bind(2, format_date(add_days(to, 1)));
  std::vector<LateNotice> list;
  while (q.step()) {
    LateNotice n{q.text(0), q.time(1), std::nullopt};
    if (!q.is_null(2)) n.notified_at = q.time(2);
    list.push_back(n);
  }
  return list;
}

std::vector<std::pair<int, std::pair<std::string, std::string>>> audit_records(Store& store, const Month& month) {
  Query q(connection_of(store), "SELECT item, result, note FROM audit_records WHERE month = ? ORDER BY item");
  q.bind(1, month.text());
  std::vector<std::pair<int, std::pair<std::string, std::string>>> list;
  while (q.step())
    list.push_back({static_cast<int>(q.integer(0)), {q.text(1), q.text(2)}});
  return list;
}

void upsert_audit_record(WriteTransaction& tx, const Month& month, int item, Verdict result, const std::string& note) {
  // An update, else an insert: under the write lock nothing comes between the two, and the same
  // SQL runs on the central store, whose views take no ON CONFLICT target.
  Query update(connection_of(tx),
               "UPDATE audit_records SET result = ?3, note = ?4, recorded_at = ?5, recorded_by = ?6 "
               "WHERE month = ?1 AND item = ?2");
  Query insert(connection_of(tx),
               "INSERT INTO audit_records (month, item, result, note, recorded_at, recorded_by) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (Query* upsert : {&update, &insert}) {
    upsert->bind(1, month.text());
    upsert->bind(2, item);
    upsert->bind(3, std::string(verdict_name(result)));
    upsert->bind(4, note);
    upsert->bind(5, format_time(tx.now()));
    upsert->bind(6, tx.actor().login);
  }
  if (update.run() == 0) insert.run();
  Query id(connection_of(tx), "SELECT id FROM audit_records WHERE month = ? AND item = ?");
  id.bind(1, month.text());
  id.bind(2, item);
  id.step();
  tx.journal("audit_records", id.integer(0));
}

std::vector<AuditSignoff> audit_signoffs(Store& store, const Month& month) {
  Query q(connection_of(store),
                      "SELECT s.role, s.login, coalesce(u.name, ''), s.signed_at FROM audit_signoffs s "
                      "LEFT JOIN users u ON u.login = s.login WHERE s.month = ? ORDER BY s.id");
  q.bind(1, month.text());
  std::vector<AuditSignoff> list;
  while (q.step())
    list.push_back({parse_audit_role(q.text(0)), q.text(1),
                    q.text(2), q.time(3)});
  return list;
}

bool audit_signoff_exists(Store& store, const Month& month, AuditRole role) {
  Query q(connection_of(store), "SELECT 1 FROM audit_signoffs WHERE month = ? AND role = ?");
  q.bind(1, month.text());
  q.bind(2, std::string(audit_role_name(role)));
  return q.step();
}

void insert_audit_signoff(WriteTransaction& tx, const Month& month, AuditRole role, const std::optional<std::string>& checkpoint) {
  Query insert(connection_of(tx),
                           "INSERT INTO audit_signoffs (month, role, login, signed_at, checkpoint) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, month.text());
  insert.bind(2, std::string(audit_role_name(role)));
  insert.bind(3, tx.actor().login);
  insert.bind(4, format_time(tx.now()));
  insert.bind(5, checkpoint);
  insert.run();
  tx.journal("audit_signoffs", connection_of(tx).last_insert_id());
}

std::vector<std::string> months_with_record(Store& store, int item) {
  Query q(connection_of(store), "SELECT month FROM audit_records WHERE item = ? ORDER BY month");
  q.bind(1, item);
  std::vector<std::string> months;
  while (q.step()) months.push_back(q.text(0));
  return months;
}

std::vector<std::string> audit_recorders(Store& store, const Month& month) {
  Query q(connection_of(store), "SELECT DISTINCT recorded_by FROM audit_records WHERE month = ?");
  q.bind(1, month.text());
  std::vector<std::string> list;
  while (q.step()) list.push_back(q.text(0));
  return list;
}

std::vector<Date> planned(Store& store, int year) {
  Query q(connection_of(store), "SELECT planned_on FROM audit_plans WHERE year = ? ORDER BY planned_on");
  q.bind(1, year);
  std::vector<Date> list;
  while (q.step()) list.push_back(q.date(0));
  return list;
}

void insert_plan(WriteTransaction& tx, int year, Date on) {
  Query insert(connection_of(tx), "INSERT INTO audit_plans (year, planned_on, drawn_at, drawn_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, year);
  insert.bind(2, format_date(on));
  insert.bind(3, format_time(tx.now()));
  insert.bind(4, tx.actor().login);
  insert.run();
  tx.journal("audit_plans", connection_of(tx).last_insert_id());
}

std::vector<ConductedAudit> conducted(Store& store, int year) {
  Query q(connection_of(store),
                      "SELECT id, conducted_on, team, note FROM audits_conducted WHERE conducted_on BETWEEN ? AND ? "
                      "ORDER BY conducted_on, id");
  q.bind(1, year_start(year));
  q.bind(2, year_end(year));
  std::vector<ConductedAudit> list;
  while (q.step()) {
    ConductedAudit a{q.integer(0), q.date(1), {}, q.optional_text(3)};
    const std::string team = q.text(2);
    for (std::size_t start = 0; start <= team.size();) {
      const auto comma = std::min(team.find(',', start), team.size());
      if (comma > start) a.team.push_back(team.substr(start, comma - start));
      start = comma + 1;
    }
    list.push_back(std::move(a));
  }
  return list;
}

void insert_conducted(WriteTransaction& tx, Date on, const std::vector<std::string>& team, const std::optional<std::string>& note) {
  Query insert(connection_of(tx),
                           "INSERT INTO audits_conducted (conducted_on, team, note, recorded_at, recorded_by) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, format_date(on));
  insert.bind(2, fmt::format("{}", fmt::join(team, ",")));
  insert.bind(3, note);
  insert.bind(4, format_time(tx.now()));
  insert.bind(5, tx.actor().login);
  insert.run();
  tx.journal("audits_conducted", connection_of(tx).last_insert_id());
}

std::int64_t insert_incident(WriteTransaction& tx, const Incident& incident) {
  Query insert(connection_of(tx),
                           "INSERT INTO incidents (login, kind, description, action, recorded_at, recorded_by) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, incident.login);
  insert.bind(2, incident.kind);
  insert.bind(3, incident.description);
  insert.bind(4, incident.action);
  insert.bind(5, format_time(tx.now()));
  insert.bind(6, tx.actor().login);
  insert.run();
  const std::int64_t id = connection_of(tx).last_insert_id();
  tx.journal("incidents", id);
  return id;
}

bool incident_exists(Store& store, std::int64_t id) {
  Query q(connection_of(store), "SELECT 1 FROM incidents WHERE id = ?");
  q.bind(1, static_cast<std::int64_t>(id));
  return q.step();
}

void insert_referral(WriteTransaction& tx, std::int64_t incident_id, const Referral& referral) {
  Query insert(connection_of(tx),
                           "INSERT INTO incident_referrals (incident_id, referred_to, referred_on, ref, recorded_at, "
                           "recorded_by) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(incident_id));
  insert.bind(2, referral.to);
  insert.bind(3, format_date(referral.on));
  insert.bind(4, referral.ref);
  insert.bind(5, format_time(tx.now()));
  insert.bind(6, tx.actor().login);
  insert.run();
  tx.journal("incident_referrals", connection_of(tx).last_insert_id());
}

std::vector<Incident> load_incidents(Store& store) {
  std::vector<Incident> list;
  {
    Query q(connection_of(store), "SELECT id, login, kind, description, action, recorded_at FROM incidents ORDER BY id");
    while (q.step())
      list.push_back({q.integer(0), q.text(1), q.text(2),
                      q.text(3), q.optional_text(4), q.time(5),
                      {}});
  }
  Query r(connection_of(store),
                      "SELECT incident_id, referred_to, referred_on, ref FROM incident_referrals ORDER BY referred_on, id");
  while (r.step())
    for (auto& i : list)
      if (i.id == r.integer(0))
        i.referrals.push_back({r.text(1), r.date(2), r.optional_text(3)});
  return list;
}

std::vector<std::pair<std::string, std::int64_t>> grouped_counts(Store& store, std::string_view table, ReportBy by,
                                                                 std::optional<Date> from, std::optional<Date> to) {
  const bool usage = table == "usage_entries";
  const std::string who = usage ? "login" : "account";
  const std::string when = usage ? "login_at" : "queried_at";
  // Times are ISO text in Taiwan time, so the day, hour and weekday are read off the text itself.
  std::string key;
  switch (by) {
    case ReportBy::user: key = who; break;
    case ReportBy::item: key = "item"; break;
    case ReportBy::month: key = fmt::format("substr({}, 1, 7)", when); break;
    case ReportBy::hour: key = fmt::format("substr({}, 12, 2)", when); break;
    case ReportBy::weekday:  // 0 for Sunday, as text
      key = connection_of(store).dialect() == Dialect::postgres
                ? fmt::format("extract(dow FROM CAST(substr({}, 1, 10) AS date))::text", when)
                : fmt::format("strftime('%w', substr({}, 1, 10))", when);
      break;
  }
  Query q(connection_of(store), fmt::format("SELECT {0}, count(*) FROM {1} WHERE {2} >= ? AND {2} < ? GROUP BY 1 ORDER BY 1",
                                                key, table, when));
  q.bind(1, from ? format_date(*from) : std::string("0000"));
  q.bind(2, to ? format_date(add_days(*to, 1)) : std::string("9999-99"));
  std::vector<std::pair<std::string, std::int64_t>> rows;
  while (q.step()) rows.emplace_back(q.text(0), q.integer(1));
  return rows;
}

std::int64_t checkpoints_between(Store& store, Date from, Date to) {
  Query q(connection_of(store), "SELECT count(*) FROM checkpoints WHERE sealed_at >= ? AND sealed_at < ?");
  q.bind(1, format_date(from));
  q.bind(2, format_date(add_days(to, 1)));
  q.step();
  return q.integer(0);
}

std::int64_t usage_rows_deleted_outside_purge(Store& store) {
  Query q(connection_of(store),
                      "SELECT count(*) FROM journal WHERE entity = 'usage_entries' AND digest IS NULL AND action <> 'purge'");
  q.step();
  return q.integer(0);
}

std::vector<std::string> holders(Store& store, Role role) {
  Query q(connection_of(store), "SELECT login FROM roles WHERE role = ? ORDER BY login");
  q.bind(1, std::string(role_name(role)));
  std::vector<std::string> list;
  while (q.step()) list.push_back(q.text(0));
  return list;
}

std::vector<std::tuple<std::string, std::string, std::string>> self_recorded_events(Store& store) {
  Query q(connection_of(store),
                      "SELECT login, kind, happened FROM events WHERE (actor = login OR os_user = COALESCE((SELECT o.os_user "
                      "FROM os_accounts o WHERE o.login = events.login), events.login)) ORDER BY happened, id");
  std::vector<std::tuple<std::string, std::string, std::string>> list;
  while (q.step())
    list.emplace_back(q.text(0), q.text(1), q.text(2));
  return list;
}

}  // namespace imcomply::audit_store
