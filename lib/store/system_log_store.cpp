#include "store/system_log_store.hpp"

#include <string>

#include "store/store_impl.hpp"

namespace imcomply::system_log_store {

using namespace sql;
namespace {

std::string join_fields(const std::vector<std::string>& fields) {
  std::string joined;
  for (const auto& f : fields) {
    if (!joined.empty()) joined += ';';
    joined += f;
  }
  return joined;
}

std::vector<std::string> split_fields(const std::string& stored) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start < stored.size()) {
    const auto end = std::min(stored.find(';', start), stored.size());
    if (end > start) fields.push_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return fields;
}

}  // namespace

QueryWriter::QueryWriter(WriteTransaction& tx, std::int64_t import_id)
    : tx_(tx),
      import_id_(import_id),
      statement_(std::make_unique<Query>(
          connection_of(tx), "INSERT INTO system_queries (import_id, queried_at, account, item, subject_hmac, "
                             "subject_masked, fields, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")),
      batch_(std::make_unique<BatchJournal>(tx, "system_queries")) {}

QueryWriter::~QueryWriter() = default;

void QueryWriter::finish() { batch_->flush(); }

std::optional<std::int64_t> QueryWriter::insert(const SystemQuery& query) {
  auto& insert = *statement_;
  insert.reset();
  insert.bind(1, static_cast<std::int64_t>(import_id_));
  insert.bind(2, format_time(query.at));
  insert.bind(3, query.account);
  insert.bind(4, std::string(item_name(query.item)));
  insert.bind(5, query.subject_hmac);
  insert.bind(6, query.subject_masked);
  insert.bind(7, join_fields(query.fields));
  if (query.client_ip)
    insert.bind(8, *query.client_ip);
  else
    insert.bind_null(8);
  const auto changed = insert.run();  // not RETURNING *: see EntryWriter::insert
  insert.reset();
  if (changed == 0) return std::nullopt;  // present already
  const std::int64_t id = connection_of(tx_).last_insert_id();
  batch_->add(id);
  return id;
}

void for_each_query(Store& store, std::optional<Date> from, std::optional<Date> to,
                    const std::function<void(const SystemQuery&)>& visit) {
  // queried_at is ISO text in Taiwan time, so a day's bounds are text bounds.
  Query q(connection_of(store),
                      "SELECT id, queried_at, account, item, subject_masked, subject_hmac, fields, client_ip "
                      "FROM system_queries WHERE queried_at >= ?1 AND queried_at < ?2 ORDER BY queried_at, id");
  q.bind(1, from ? format_date(*from) : std::string("0000"));
  q.bind(2, to ? format_date(add_days(*to, 1)) : std::string("9999-99"));
  while (q.step()) {
    SystemQuery query;
    query.id = q.integer(0);
    query.at = q.time(1);
    query.account = q.text(2);
    query.item = parse_item(q.text(3));
    query.subject_masked = q.text(4);
    query.subject_hmac = q.text(5);
    query.fields = split_fields(q.text(6));
    if (!q.is_null(7)) query.client_ip = q.text(7);
    visit(query);
  }
}

std::int64_t count_queries(Store& store) {
  return single_integer(connection_of(store), "SELECT count(*) FROM system_queries");
}

std::optional<std::string> latest_key_check(Store& store) {
  Query q(connection_of(store), "SELECT check_value FROM subject_key_checks ORDER BY id DESC LIMIT 1");
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void insert_key_check(WriteTransaction& tx, const std::string& check_value) {
  Query insert(connection_of(tx),
                           "INSERT INTO subject_key_checks (check_value, recorded_at, recorded_by) VALUES (?, ?, ?)");
  insert.bind(1, check_value);
  insert.bind(2, format_time(tx.now()));
  insert.bind(3, tx.actor().login);
  insert.run();
  tx.journal("subject_key_checks", connection_of(tx).last_insert_id());
}

}  // namespace imcomply::system_log_store
