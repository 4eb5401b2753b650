#include "store/migrate_store.hpp"

#include <fmt/format.h>

#include <vector>

#include "store/integrity_store.hpp"
#include "store/store_impl.hpp"

namespace imcomply::migrate_store {

using namespace sql;

namespace {

/// The file's tables, as created; the office row goes first, on its own (the tenant).
std::vector<std::string> file_tables(Connection& file) {
  Query q(file, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'office' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
  std::vector<std::string> names;
  while (q.step()) names.push_back(q.text(0));
  return names;
}

/// Copies one table's rows value by value, each bound with the storage class it has in the file,
/// so that the server's row digests as the file's did; the journal in seq order, for its trigger.
std::int64_t copy_table(Connection& file, Connection& server, const std::string& table) {
  Query rows(file, fmt::format("SELECT * FROM \"{}\"{}", table, table == "journal" ? " ORDER BY seq" : ""));
  std::optional<Query> insert;
  std::int64_t copied = 0;
  while (rows.step()) {
    if (!insert) {
      std::string columns, values;
      for (int i = 0; i < rows.column_count(); ++i) {
        columns += fmt::format("{}\"{}\"", i ? ", " : "", rows.column_name(i));
        values += i ? ", ?" : "?";
      }
      insert.emplace(server, fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", table, columns, values));
    }
    insert->clear();
    for (int i = 0; i < rows.column_count(); ++i) insert->bind(i + 1, rows.value(i));
    insert->run();
    ++copied;
  }
  return copied;
}

}  // namespace

Copied copy_office(Store& file_store, Store& server_store) {
  auto& file = connection_of(file_store);
  auto& server = connection_of(server_store);
  Copied copied;
  file.begin_read();  // one snapshot of the file: a writer meanwhile is not half copied
  try {
    server.begin_write();
    try {
      Query office(file, "SELECT id, code, name, created_at FROM office WHERE id = 1");
      if (!office.step()) throw StorageError("the database has no office record");
      copied.office = office.text(1);
      Query tenant(server, "INSERT INTO office (id, code, name, created_at) VALUES (?, ?, ?, ?)");
      for (int i = 0; i < 4; ++i) tenant.bind(i + 1, office.value(i));
      tenant.run();
      // Where the file's kept records start: its first record's seq - 1 and prev_hash.
      Query first(file, "SELECT seq, prev_hash FROM journal ORDER BY seq LIMIT 1");
      if (first.step()) {
        Query start(server, "SELECT imcomply.start_chain_at(?, ?)");
        start.bind(1, first.integer(0)).bind(2, first.text(1));
        start.step();
      }
      server.execute("SET CONSTRAINTS ALL DEFERRED");  // rows refer to rows of tables copied later
      for (const auto& table : file_tables(file)) {
        const auto n = copy_table(file, server, table);
        (table == "journal" ? copied.records : copied.rows) += n;
      }
      const auto file_head = integrity_store::journal_head(file);
      const auto server_head = integrity_store::journal_head(server);
      if (file_head) {
        if (!server_head || server_head->seq != file_head->seq || server_head->hash != file_head->hash)
          throw StorageError("the central store's journal head differs from the file's after the copy; nothing was committed");
        copied.head_seq = file_head->seq;
        copied.head_hash = file_head->hash;
      }
      server.commit();
    } catch (...) {
      try {
        server.rollback();
      } catch (...) {  // the connection is gone: nothing was committed
      }
      throw;
    }
  } catch (...) {
    file.rollback();
    throw;
  }
  file.rollback();
  return copied;
}

}  // namespace imcomply::migrate_store
