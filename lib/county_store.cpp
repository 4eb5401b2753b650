#include "county_store.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store_impl.hpp"

namespace imcomply::county_store {

using namespace sql;

namespace {

/// Runs an INSERT and journals the row it made (spec §7: every change, in the same transaction).
std::int64_t write(WriteTransaction& tx, SQLite::Statement& insert, std::string_view table) {
  insert.exec();
  const std::int64_t id = db_of(tx).getLastInsertRowid();
  tx.journal(table, id);
  return id;
}

void bind_optional_int(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value)
    statement.bind(index, static_cast<int64_t>(*value));
  else
    statement.bind(index);
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

constexpr const char* collection_columns =
    "id, sha256, file_name, size, collected_at, collected_by, outcome, reason, office_code, office_name, head_seq, "
    "head_hash, previous_seq, previous_hash, as_of, schema_version";

CollectionRow read_collection(SQLite::Statement& q) {
  CollectionRow r;
  r.id = q.getColumn(0).getInt64();
  r.sha256 = q.getColumn(1).getString();
  r.file_name = q.getColumn(2).getString();
  r.size = q.getColumn(3).getInt64();
  r.collected_at = q.getColumn(4).getString();
  r.collected_by = q.getColumn(5).getString();
  r.outcome = q.getColumn(6).getString();
  r.reason = optional_text(q.getColumn(7));
  r.office_code = optional_text(q.getColumn(8));
  r.office_name = optional_text(q.getColumn(9));
  r.head_seq = optional_int(q.getColumn(10));
  r.head_hash = optional_text(q.getColumn(11));
  r.previous_seq = optional_int(q.getColumn(12));
  r.previous_hash = optional_text(q.getColumn(13));
  r.as_of = optional_text(q.getColumn(14));
  r.schema_version = optional_int(q.getColumn(15));
  return r;
}

std::optional<CollectionRow> one_collection(Store& store, const std::string& where, const std::string& code) {
  SQLite::Statement q(db_of(store),
                      fmt::format("SELECT {} FROM collections WHERE office_code = ? {} ORDER BY id DESC LIMIT 1",
                                  collection_columns, where));
  q.bind(1, code);
  if (!q.executeStep()) return std::nullopt;
  return read_collection(q);
}

}  // namespace

std::optional<std::string> login_of(Store& store, const std::string& os_user) {
  SQLite::Statement q(db_of(store), "SELECT login FROM staff WHERE os_user = ?");
  q.bind(1, os_user);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::vector<county::CountyRole> roles_of(Store& store, const std::string& login) {
  SQLite::Statement q(db_of(store), "SELECT role FROM staff_roles WHERE login = ? ORDER BY role");
  q.bind(1, login);
  std::vector<county::CountyRole> roles;
  while (q.executeStep())
    roles.push_back(q.getColumn(0).getString() == "admin" ? county::CountyRole::admin : county::CountyRole::supervisor);
  return roles;
}

void require_writer(Store& store, const Actor& actor, Command command) {
  if (command == Command::county_init) return;
  if (actor.login.empty())
    throw NotPermitted(fmt::format("OS user {} is not on the county's roster, so may read but not write", actor.os_login),
                       "the county's staff collect and record: admin or supervisor");
  SQLite::Statement q(db_of(store), "SELECT count(*) FROM staff WHERE login = ?");
  q.bind(1, actor.login);
  q.executeStep();
  if (q.getColumn(0).getInt() == 0)
    throw NotPermitted(fmt::format("{} is not on the county's roster, so may not do this", actor.login),
                       "act as a person on the county's roster with --as LOGIN");
  if (roles_of(store, actor.login).empty())
    throw NotPermitted(fmt::format("{} holds neither the admin nor the supervisor role this needs", actor.login));
}

void insert_county(WriteTransaction& tx, const std::string& code, const std::string& name) {
  SQLite::Statement insert(db_of(tx), "INSERT INTO county (id, code, name, created_at) VALUES (1, ?, ?, ?)");
  insert.bind(1, code);
  insert.bind(2, name);
  insert.bind(3, tx.now_text());
  write(tx, insert, "county");
}

void insert_staff(WriteTransaction& tx, const std::string& login, const std::string& name, const std::string& os_user) {
  SQLite::Statement insert(db_of(tx), "INSERT INTO staff (login, name, os_user, added_at) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, name);
  insert.bind(3, os_user);
  insert.bind(4, tx.now_text());
  write(tx, insert, "staff");
}

void insert_role(WriteTransaction& tx, const std::string& login, county::CountyRole role) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO staff_roles (login, role, granted_at, granted_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, std::string(county::county_role_name(role)));
  insert.bind(3, tx.now_text());
  insert.bind(4, tx.actor().login);
  write(tx, insert, "staff_roles");
}

county::CountyInfo load_county(Store& store) {
  SQLite::Statement q(db_of(store), "SELECT code, name FROM county WHERE id = 1");
  if (!q.executeStep()) throw StorageError(fmt::format("{} has no county record", store.path().string()));
  return {q.getColumn(0).getString(), q.getColumn(1).getString()};
}

bool office_exists(Store& store, const std::string& code) {
  SQLite::Statement q(db_of(store), "SELECT 1 FROM offices WHERE code = ?");
  q.bind(1, code);
  return q.executeStep();
}

void insert_office(WriteTransaction& tx, const std::string& code, const std::string& name) {
  SQLite::Statement insert(db_of(tx), "INSERT INTO offices (code, name, added_at, added_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, code);
  insert.bind(2, name);
  insert.bind(3, tx.now_text());
  insert.bind(4, tx.actor().login);
  write(tx, insert, "offices");
}

std::vector<county::SupervisedOffice> load_offices(Store& store) {
  SQLite::Statement q(db_of(store), "SELECT code, name, added_at, added_by FROM offices ORDER BY code");
  std::vector<county::SupervisedOffice> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), parse_time(q.getColumn(2).getString()),
                   q.getColumn(3).getString()});
  return out;
}

std::optional<std::int64_t> collection_by_sha(Store& store, const std::string& sha256) {
  SQLite::Statement q(db_of(store), "SELECT id FROM collections WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::optional<CollectionRow> last_verified(Store& store, const std::string& office_code) {
  return one_collection(store, "AND outcome = 'verified'", office_code);
}

std::optional<CollectionRow> last_collection(Store& store, const std::string& office_code) {
  return one_collection(store, "", office_code);
}

std::int64_t insert_collection(WriteTransaction& tx, const CollectionRow& r) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO collections (sha256, file_name, size, collected_at, collected_by, outcome, reason, "
                           "office_code, office_name, head_seq, head_hash, previous_seq, previous_hash, as_of, "
                           "schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, r.sha256);
  insert.bind(2, r.file_name);
  insert.bind(3, static_cast<int64_t>(r.size));
  insert.bind(4, tx.now_text());
  insert.bind(5, tx.actor().login);
  insert.bind(6, r.outcome);
  bind_optional(insert, 7, r.reason);
  bind_optional(insert, 8, r.office_code);
  bind_optional(insert, 9, r.office_name);
  bind_optional_int(insert, 10, r.head_seq);
  bind_optional(insert, 11, r.head_hash);
  bind_optional_int(insert, 12, r.previous_seq);
  bind_optional(insert, 13, r.previous_hash);
  bind_optional(insert, 14, r.as_of);
  bind_optional_int(insert, 15, r.schema_version);
  return write(tx, insert, "collections");
}

void insert_counts(WriteTransaction& tx, std::int64_t collection, const CountsRow& c) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO collection_counts (collection_id, overdue_terminations, late_terminations, "
                           "county_waiting, county_waiting_since, review_period, review_closed, missed_reviews, "
                           "audits_year, audits_done, audits_required, data_overdue, open_incidents) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(collection));
  insert.bind(2, static_cast<int64_t>(c.overdue_terminations));
  insert.bind(3, static_cast<int64_t>(c.late_terminations));
  insert.bind(4, static_cast<int64_t>(c.county_waiting));
  bind_optional(insert, 5, c.county_waiting_since);
  bind_optional(insert, 6, c.review_period);
  if (c.review_closed)
    insert.bind(7, *c.review_closed ? 1 : 0);
  else
    insert.bind(7);
  insert.bind(8, c.missed_reviews);
  insert.bind(9, static_cast<int64_t>(c.audits_year));
  insert.bind(10, static_cast<int64_t>(c.audits_done));
  insert.bind(11, static_cast<int64_t>(c.audits_required));
  insert.bind(12, static_cast<int64_t>(c.data_overdue));
  insert.bind(13, static_cast<int64_t>(c.open_incidents));
  write(tx, insert, "collection_counts");
}

void insert_month(WriteTransaction& tx, std::int64_t collection, const MonthRow& m) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO collection_months (collection_id, month, items_recorded, signoffs, queries) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(collection));
  insert.bind(2, m.month);
  insert.bind(3, static_cast<int64_t>(m.items_recorded));
  insert.bind(4, static_cast<int64_t>(m.signoffs));
  insert.bind(5, static_cast<int64_t>(m.queries));
  write(tx, insert, "collection_months");
}

void insert_answer(WriteTransaction& tx, std::int64_t collection, const AnswerRow& a) {
  std::string evidence;
  for (const auto& line : a.evidence) {
    if (!evidence.empty()) evidence += '\n';
    evidence += line;
  }
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO collection_answers (collection_id, year, item, title, yes, evidence, audit_date) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(collection));
  insert.bind(2, a.year);
  insert.bind(3, a.item);
  insert.bind(4, a.title);
  insert.bind(5, a.yes ? 1 : 0);
  insert.bind(6, evidence);
  insert.bind(7, a.audit_date);
  write(tx, insert, "collection_answers");
}

void insert_audit_year(WriteTransaction& tx, std::int64_t collection, const AuditYearRow& a) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO collection_audits (collection_id, year, done, required) VALUES (?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(collection));
  insert.bind(2, a.year);
  insert.bind(3, static_cast<int64_t>(a.done));
  insert.bind(4, static_cast<int64_t>(a.required));
  write(tx, insert, "collection_audits");
}

void insert_finding(WriteTransaction& tx, std::int64_t collection, const std::string& kind, const std::string& detail) {
  SQLite::Statement insert(db_of(tx), "INSERT INTO collection_findings (collection_id, kind, detail) VALUES (?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(collection));
  insert.bind(2, kind);
  insert.bind(3, detail);
  write(tx, insert, "collection_findings");
}

std::optional<CountsRow> load_counts(Store& store, std::int64_t collection) {
  SQLite::Statement q(db_of(store),
                      "SELECT overdue_terminations, late_terminations, county_waiting, county_waiting_since, "
                      "review_period, review_closed, missed_reviews, audits_year, audits_done, audits_required, "
                      "data_overdue, open_incidents FROM collection_counts WHERE collection_id = ?");
  q.bind(1, static_cast<int64_t>(collection));
  if (!q.executeStep()) return std::nullopt;
  CountsRow c;
  c.overdue_terminations = q.getColumn(0).getInt64();
  c.late_terminations = q.getColumn(1).getInt64();
  c.county_waiting = q.getColumn(2).getInt64();
  c.county_waiting_since = optional_text(q.getColumn(3));
  c.review_period = optional_text(q.getColumn(4));
  if (!q.getColumn(5).isNull()) c.review_closed = q.getColumn(5).getInt() != 0;
  c.missed_reviews = q.getColumn(6).getString();
  c.audits_year = q.getColumn(7).getInt64();
  c.audits_done = q.getColumn(8).getInt64();
  c.audits_required = q.getColumn(9).getInt64();
  c.data_overdue = q.getColumn(10).getInt64();
  c.open_incidents = q.getColumn(11).getInt64();
  return c;
}

std::vector<MonthRow> load_months(Store& store, std::int64_t collection) {
  SQLite::Statement q(db_of(store),
                      "SELECT month, items_recorded, signoffs, queries FROM collection_months WHERE collection_id = ? "
                      "ORDER BY month");
  q.bind(1, static_cast<int64_t>(collection));
  std::vector<MonthRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                   q.getColumn(3).getInt64()});
  return out;
}

std::vector<AnswerRow> load_answers(Store& store, std::int64_t collection) {
  SQLite::Statement q(db_of(store),
                      "SELECT year, item, title, yes, evidence, audit_date FROM collection_answers "
                      "WHERE collection_id = ? ORDER BY year, item");
  q.bind(1, static_cast<int64_t>(collection));
  std::vector<AnswerRow> out;
  while (q.executeStep()) {
    AnswerRow a;
    a.year = q.getColumn(0).getInt();
    a.item = q.getColumn(1).getInt();
    a.title = q.getColumn(2).getString();
    a.yes = q.getColumn(3).getInt() != 0;
    const std::string evidence = q.getColumn(4).getString();
    for (std::size_t at = 0; at < evidence.size();) {
      const auto end = std::min(evidence.find('\n', at), evidence.size());
      a.evidence.push_back(evidence.substr(at, end - at));
      at = end + 1;
    }
    a.audit_date = q.getColumn(5).getString();
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<AuditYearRow> load_audit_years(Store& store, std::int64_t collection) {
  SQLite::Statement q(db_of(store),
                      "SELECT year, done, required FROM collection_audits WHERE collection_id = ? ORDER BY year");
  q.bind(1, static_cast<int64_t>(collection));
  std::vector<AuditYearRow> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
  return out;
}

Probe probe_file(const std::filesystem::path& path) {
  Probe probe;
  try {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);  // the private copy: WAL needs its -shm
    probe.application_id = db.execAndGet("PRAGMA application_id").getInt();
    probe.user_version = db.execAndGet("PRAGMA user_version").getInt64();
    db.execAndGet("SELECT count(*) FROM sqlite_schema");
  } catch (const SQLite::Exception& e) {
    probe.not_sqlite = (e.getErrorCode() & 0xff) == SQLITE_NOTADB;
    probe.problem = probe.not_sqlite ? "is not an SQLite database" : "cannot be read as an SQLite database (corrupt)";
  }
  return probe;
}

std::optional<Anchor> journal_head(Store& office) {
  SQLite::Statement q(db_of(office), "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
  if (!q.executeStep()) return std::nullopt;
  return Anchor{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

std::optional<std::string> journal_hash_at(Store& office, std::int64_t seq) {
  SQLite::Statement q(db_of(office), "SELECT hash FROM journal WHERE seq = ?");
  q.bind(1, static_cast<int64_t>(seq));
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::optional<std::string> first_journal_time(Store& office) {
  SQLite::Statement q(db_of(office), "SELECT at FROM journal ORDER BY seq LIMIT 1");
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::int64_t schema_version_of(Store& office) { return db_of(office).execAndGet("PRAGMA user_version").getInt64(); }

}  // namespace imcomply::county_store
