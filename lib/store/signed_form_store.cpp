#include "store/signed_form_store.hpp"

#include "store/store_impl.hpp"

namespace imcomply::signed_form_store {

using namespace sql;

std::int64_t insert_change(WriteTransaction& tx, std::string_view form, const std::string& month, std::string_view action,
                           const std::string& change, const std::string& reason) {
  Query insert(connection_of(tx),
                           "INSERT INTO signed_form_changes (form, month, action, change, reason, recorded_at, recorded_by) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, std::string(form));
  insert.bind(2, month);
  insert.bind(3, std::string(action));
  insert.bind(4, change);
  insert.bind(5, reason);
  insert.bind(6, tx.now_text());
  insert.bind(7, tx.actor().login);
  insert.run();
  const std::int64_t id = connection_of(tx).last_insert_id();
  tx.journal("signed_form_changes", id);
  return id;
}

std::vector<FormChange> changes_of(Store& store, std::string_view form, const std::string& month) {
  Query q(connection_of(store),
                      "SELECT id, action, change, reason, recorded_at, recorded_by FROM signed_form_changes "
                      "WHERE form = ? AND month = ? ORDER BY id");
  q.bind(1, std::string(form));
  q.bind(2, month);
  std::vector<FormChange> list;
  while (q.step())
    list.push_back({q.integer(0), q.text(1), q.text(2),
                    q.text(3), q.time(4), q.text(5)});
  return list;
}

void insert_renewal(WriteTransaction& tx, std::string_view form, const std::string& month, std::string_view role,
                    const std::optional<std::string>& checkpoint, std::int64_t seen_change) {
  Query insert(connection_of(tx),
                           "INSERT INTO signed_form_renewals (form, month, role, login, signed_at, checkpoint, seen_change) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, std::string(form));
  insert.bind(2, month);
  insert.bind(3, std::string(role));
  insert.bind(4, tx.actor().login);
  insert.bind(5, tx.now_text());
  insert.bind(6, checkpoint);
  insert.bind(7, static_cast<std::int64_t>(seen_change));
  insert.run();
  tx.journal("signed_form_renewals", connection_of(tx).last_insert_id());
}

std::vector<Renewal> renewals_of(Store& store, std::string_view form, const std::string& month) {
  Query q(connection_of(store),
                      "SELECT r.role, r.login, coalesce(u.name, ''), r.signed_at, r.seen_change FROM signed_form_renewals r "
                      "LEFT JOIN users u ON u.login = r.login WHERE r.form = ? AND r.month = ? ORDER BY r.id");
  q.bind(1, std::string(form));
  q.bind(2, month);
  std::vector<Renewal> list;
  while (q.step())
    list.push_back({q.text(0), q.text(1), q.text(2),
                    q.time(3), q.integer(4)});
  return list;
}

}  // namespace imcomply::signed_form_store
