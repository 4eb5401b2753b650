#include "store/identity_store.hpp"

#include "store/store_impl.hpp"

namespace imcomply::identity_store {

using namespace sql;

std::optional<std::string> login_of(Store& store, const std::string& os_user) {
  Query q(connection_of(store),
                      "SELECT login FROM os_accounts WHERE os_user = ?1 UNION ALL "
                      "SELECT login FROM users WHERE login = ?1 AND login NOT IN (SELECT login FROM os_accounts) "
                      "AND ?1 NOT IN (SELECT os_user FROM os_accounts) LIMIT 1");
  q.bind(1, os_user);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::string os_user_of(Store& store, const std::string& login) {
  Query q(connection_of(store), "SELECT os_user FROM os_accounts WHERE login = ?");
  q.bind(1, login);
  return q.step() ? q.text(0) : login;
}

void insert_mapping(WriteTransaction& tx, const std::string& login, const std::string& os_user) {
  Query insert(connection_of(tx), "INSERT INTO os_accounts (login, os_user, mapped_at) VALUES (?, ?, ?)");
  insert.bind(1, login);
  insert.bind(2, os_user);
  insert.bind(3, tx.now_text());
  insert.run();
  tx.journal("os_accounts", connection_of(tx).last_insert_id());
}

}  // namespace imcomply::identity_store
