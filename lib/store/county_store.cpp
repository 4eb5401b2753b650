#include "store/county_store.hpp"

#include <algorithm>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "store/integrity_store.hpp"
#include "store/store_impl.hpp"

namespace imcomply::county_store {

using namespace sql;

namespace {

/// Runs an INSERT and journals the row it made (spec §7: every change, in the same transaction).
std::int64_t write(WriteTransaction& tx, Query& insert, std::string_view table) {
  insert.run();
  const std::int64_t id = connection_of(tx).last_insert_id();
  tx.journal(table, id);
  return id;
}

constexpr const char* collection_columns =
    "id, sha256, file_name, size, collected_at, collected_by, outcome, reason, office_code, office_name, head_seq, "
    "head_hash, previous_seq, previous_hash, as_of, schema_version";

CollectionRow read_collection(Query& q) {
  CollectionRow r;
  r.id = q.integer(0);
  r.sha256 = q.text(1);
  r.file_name = q.text(2);
  r.size = q.integer(3);
  r.collected_at = q.text(4);
  r.collected_by = q.text(5);
  r.outcome = q.text(6);
  r.reason = q.optional_text(7);
  r.office_code = q.optional_text(8);
  r.office_name = q.optional_text(9);
  r.head_seq = q.optional_integer(10);
  r.head_hash = q.optional_text(11);
  r.previous_seq = q.optional_integer(12);
  r.previous_hash = q.optional_text(13);
  r.as_of = q.optional_text(14);
  r.schema_version = q.optional_integer(15);
  return r;
}

std::optional<CollectionRow> one_collection(Store& store, const std::string& where, const std::string& code) {
  Query q(connection_of(store),
                      fmt::format("SELECT {} FROM collections WHERE office_code = ? {} ORDER BY id DESC LIMIT 1",
                                  collection_columns, where));
  q.bind(1, code);
  if (!q.step()) return std::nullopt;
  return read_collection(q);
}

}  // namespace

std::optional<std::string> login_of(Store& store, const std::string& os_user) {
  Query q(connection_of(store), "SELECT login FROM staff WHERE os_user = ?");
  q.bind(1, os_user);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::vector<county::CountyRole> roles_of(Store& store, const std::string& login) {
  Query q(connection_of(store), "SELECT role FROM staff_roles WHERE login = ? ORDER BY role");
  q.bind(1, login);
  std::vector<county::CountyRole> roles;
  while (q.step())
    roles.push_back(q.text(0) == "admin" ? county::CountyRole::admin : county::CountyRole::supervisor);
  return roles;
}

void require_writer(Store& store, const Actor& actor, Command command) {
  if (command == Command::county_init) return;
  if (actor.login.empty())
    throw NotPermitted(fmt::format("OS user {} is not on the county's roster, so may read but not write", actor.os_login),
                       "the county's staff collect and record: admin or supervisor");
  Query q(connection_of(store), "SELECT count(*) FROM staff WHERE login = ?");
  q.bind(1, actor.login);
  q.step();
  if (static_cast<int>(q.integer(0)) == 0)
    throw NotPermitted(fmt::format("{} is not on the county's roster, so may not do this", actor.login),
                       "act as a person on the county's roster with --as LOGIN");
  if (roles_of(store, actor.login).empty())
    throw NotPermitted(fmt::format("{} holds neither the admin nor the supervisor role this needs", actor.login));
}

void insert_county(WriteTransaction& tx, const std::string& code, const std::string& name) {
  Query insert(connection_of(tx), "INSERT INTO county (id, code, name, created_at) VALUES (1, ?, ?, ?)");
  insert.bind(1, code);
  insert.bind(2, name);
  insert.bind(3, tx.now_text());
  write(tx, insert, "county");
}

void insert_staff(WriteTransaction& tx, const std::string& login, const std::string& name, const std::string& os_user) {
  Query insert(connection_of(tx), "INSERT INTO staff (login, name, os_user, added_at) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, name);
  insert.bind(3, os_user);
  insert.bind(4, tx.now_text());
  write(tx, insert, "staff");
}

void insert_role(WriteTransaction& tx, const std::string& login, county::CountyRole role) {
  Query insert(connection_of(tx),
                           "INSERT INTO staff_roles (login, role, granted_at, granted_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, std::string(county::county_role_name(role)));
  insert.bind(3, tx.now_text());
  insert.bind(4, tx.actor().login);
  write(tx, insert, "staff_roles");
}

county::CountyInfo load_county(Store& store) {
  Query q(connection_of(store), "SELECT code, name FROM county WHERE id = 1");
  if (!q.step()) throw StorageError(fmt::format("{} has no county record", store.path().string()));
  return {q.text(0), q.text(1)};
}

bool office_exists(Store& store, const std::string& code) {
  Query q(connection_of(store), "SELECT 1 FROM offices WHERE code = ?");
  q.bind(1, code);
  return q.step();
}

void insert_office(WriteTransaction& tx, const std::string& code, const std::string& name) {
  Query insert(connection_of(tx), "INSERT INTO offices (code, name, added_at, added_by) VALUES (?, ?, ?, ?)");
  insert.bind(1, code);
  insert.bind(2, name);
  insert.bind(3, tx.now_text());
  insert.bind(4, tx.actor().login);
  write(tx, insert, "offices");
}

std::vector<county::SupervisedOffice> load_offices(Store& store) {
  Query q(connection_of(store), "SELECT code, name, added_at, added_by FROM offices ORDER BY code");
  std::vector<county::SupervisedOffice> out;
  while (q.step())
    out.push_back({q.text(0), q.text(1), q.time(2),
                   q.text(3)});
  return out;
}

std::optional<std::int64_t> collection_by_sha(Store& store, const std::string& sha256) {
  Query q(connection_of(store), "SELECT id FROM collections WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return q.integer(0);
}

std::optional<CollectionRow> last_verified(Store& store, const std::string& office_code) {
  return one_collection(store, "AND outcome = 'verified'", office_code);
}

std::optional<CollectionRow> last_collection(Store& store, const std::string& office_code) {
  return one_collection(store, "", office_code);
}

std::int64_t insert_collection(WriteTransaction& tx, const CollectionRow& r) {
  Query insert(connection_of(tx),
                           "INSERT INTO collections (sha256, file_name, size, collected_at, collected_by, outcome, reason, "
                           "office_code, office_name, head_seq, head_hash, previous_seq, previous_hash, as_of, "
                           "schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, r.sha256);
  insert.bind(2, r.file_name);
  insert.bind(3, static_cast<std::int64_t>(r.size));
  insert.bind(4, tx.now_text());
  insert.bind(5, tx.actor().login);
  insert.bind(6, r.outcome);
  insert.bind(7, r.reason);
  insert.bind(8, r.office_code);
  insert.bind(9, r.office_name);
  insert.bind(10, r.head_seq);
  insert.bind(11, r.head_hash);
  insert.bind(12, r.previous_seq);
  insert.bind(13, r.previous_hash);
  insert.bind(14, r.as_of);
  insert.bind(15, r.schema_version);
  return write(tx, insert, "collections");
}

void insert_counts(WriteTransaction& tx, std::int64_t collection, const CountsRow& c) {
  Query insert(connection_of(tx),
                           "INSERT INTO collection_counts (collection_id, overdue_terminations, late_terminations, "
                           "county_waiting, county_waiting_since, review_period, review_closed, missed_reviews, "
                           "audits_year, audits_done, audits_required, data_overdue, open_incidents) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(collection));
  insert.bind(2, static_cast<std::int64_t>(c.overdue_terminations));
  insert.bind(3, static_cast<std::int64_t>(c.late_terminations));
  insert.bind(4, static_cast<std::int64_t>(c.county_waiting));
  insert.bind(5, c.county_waiting_since);
  insert.bind(6, c.review_period);
  if (c.review_closed)
    insert.bind(7, *c.review_closed ? 1 : 0);
  else
    insert.bind_null(7);
  insert.bind(8, c.missed_reviews);
  insert.bind(9, static_cast<std::int64_t>(c.audits_year));
  insert.bind(10, static_cast<std::int64_t>(c.audits_done));
  insert.bind(11, static_cast<std::int64_t>(c.audits_required));
  insert.bind(12, static_cast<std::int64_t>(c.data_overdue));
  insert.bind(13, static_cast<std::int64_t>(c.open_incidents));
  write(tx, insert, "collection_counts");
}

void insert_month(WriteTransaction& tx, std::int64_t collection, const MonthRow& m) {
  Query insert(connection_of(tx),
                           "INSERT INTO collection_months (collection_id, month, items_recorded, signoffs, queries) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(collection));
  insert.bind(2, m.month);
  insert.bind(3, static_cast<std::int64_t>(m.items_recorded));
  insert.bind(4, static_cast<std::int64_t>(m.signoffs));
  insert.bind(5, static_cast<std::int64_t>(m.queries));
  write(tx, insert, "collection_months");
}

void insert_answer(WriteTransaction& tx, std::int64_t collection, const AnswerRow& a) {
  std::string evidence;
  for (const auto& line : a.evidence) {
    if (!evidence.empty()) evidence += '\n';
    evidence += line;
  }
  Query insert(connection_of(tx),
                           "INSERT INTO collection_answers (collection_id, year, item, title, yes, evidence, audit_date) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(collection));
  insert.bind(2, a.year);
  insert.bind(3, a.item);
  insert.bind(4, a.title);
  insert.bind(5, a.yes ? 1 : 0);
  insert.bind(6, evidence);
  insert.bind(7, a.audit_date);
  write(tx, insert, "collection_answers");
}

void insert_audit_year(WriteTransaction& tx, std::int64_t collection, const AuditYearRow& a) {
  Query insert(connection_of(tx),
                           "INSERT INTO collection_audits (collection_id, year, done, required) VALUES (?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(collection));
  insert.bind(2, a.year);
  insert.bind(3, static_cast<std::int64_t>(a.done));
  insert.bind(4, static_cast<std::int64_t>(a.required));
  write(tx, insert, "collection_audits");
}

void insert_finding(WriteTransaction& tx, std::int64_t collection, const std::string& kind, const std::string& detail) {
  Query insert(connection_of(tx), "INSERT INTO collection_findings (collection_id, kind, detail) VALUES (?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(collection));
  insert.bind(2, kind);
  insert.bind(3, detail);
  write(tx, insert, "collection_findings");
}

std::optional<CountsRow> load_counts(Store& store, std::int64_t collection) {
  Query q(connection_of(store),
                      "SELECT overdue_terminations, late_terminations, county_waiting, county_waiting_since, "
                      "review_period, review_closed, missed_reviews, audits_year, audits_done, audits_required, "
                      "data_overdue, open_incidents FROM collection_counts WHERE collection_id = ?");
  q.bind(1, static_cast<std::int64_t>(collection));
  if (!q.step()) return std::nullopt;
  CountsRow c;
  c.overdue_terminations = q.integer(0);
  c.late_terminations = q.integer(1);
  c.county_waiting = q.integer(2);
  c.county_waiting_since = q.optional_text(3);
  c.review_period = q.optional_text(4);
  if (!q.is_null(5)) c.review_closed = static_cast<int>(q.integer(5)) != 0;
  c.missed_reviews = q.text(6);
  c.audits_year = q.integer(7);
  c.audits_done = q.integer(8);
  c.audits_required = q.integer(9);
  c.data_overdue = q.integer(10);
  c.open_incidents = q.integer(11);
  return c;
}

std::vector<MonthRow> load_months(Store& store, std::int64_t collection) {
  Query q(connection_of(store),
                      "SELECT month, items_recorded, signoffs, queries FROM collection_months WHERE collection_id = ? "
                      "ORDER BY month");
  q.bind(1, static_cast<std::int64_t>(collection));
  std::vector<MonthRow> out;
  while (q.step())
    out.push_back({q.text(0), q.integer(1), q.integer(2),
                   q.integer(3)});
  return out;
}

std::vector<AnswerRow> load_answers(Store& store, std::int64_t collection) {
  Query q(connection_of(store),
                      "SELECT year, item, title, yes, evidence, audit_date FROM collection_answers "
                      "WHERE collection_id = ? ORDER BY year, item");
  q.bind(1, static_cast<std::int64_t>(collection));
  std::vector<AnswerRow> out;
  while (q.step()) {
    AnswerRow a;
    a.year = static_cast<int>(q.integer(0));
    a.item = static_cast<int>(q.integer(1));
    a.title = q.text(2);
    a.yes = static_cast<int>(q.integer(3)) != 0;
    const std::string evidence = q.text(4);
    for (std::size_t at = 0; at < evidence.size();) {
      const auto end = std::min(evidence.find('\n', at), evidence.size());
      a.evidence.push_back(evidence.substr(at, end - at));
      at = end + 1;
    }
    a.audit_date = q.text(5);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<AuditYearRow> load_audit_years(Store& store, std::int64_t collection) {
  Query q(connection_of(store),
                      "SELECT year, done, required FROM collection_audits WHERE collection_id = ? ORDER BY year");
  q.bind(1, static_cast<std::int64_t>(collection));
  std::vector<AuditYearRow> out;
  while (q.step()) out.push_back({static_cast<int>(q.integer(0)), q.integer(1), q.integer(2)});
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

std::optional<Anchor> journal_head(Store& office) { return integrity_store::journal_head(connection_of(office)); }

std::optional<std::string> journal_hash_at(Store& office, std::int64_t seq) {
  return integrity_store::RecordLookup(connection_of(office)).hash_of(seq);
}

std::optional<std::string> first_journal_time(Store& office) {
  Query q(connection_of(office), "SELECT at FROM journal ORDER BY seq LIMIT 1");
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::int64_t schema_version_of(Store& office) { return office.impl().backend->schema_version(); }

}  // namespace imcomply::county_store
