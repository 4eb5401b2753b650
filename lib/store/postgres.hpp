#pragma once
// lib/ only: the PostgreSQL backend of the SQL interface (issue 15), over libpq. Chosen over
// libpqxx: bookworm's 6.4 is an API its 7.x successor breaks, and what the seam needs (prepared
// statements, typed results, SQLSTATE) is a small RAII wrapper over libpq itself.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "store/sql.hpp"

namespace imcomply::sql {

/// A connection to the server `uri` names (a postgresql:// URI or libpq's key=value form). A write
/// transaction takes the advisory lock `write_lock`, so writers of one office (one key) queue as on
/// a file while other offices never wait; `wait` bounds every lock wait (lock_timeout), after
/// which the statement is Busy (exit 5). A server it cannot reach is a StorageError (exit 6).
std::unique_ptr<Connection> postgres_connection(const std::string& uri, std::chrono::milliseconds wait,
                                                std::int64_t write_lock);

/// How a connection of the central store differs from a bare one (lib/store/postgres_server.cpp).
struct PostgresSession {
  /// Run once after connecting (no parameters), e.g. the search_path and the office setting.
  std::string setup;
  /// The statement that takes a write transaction's lock, once it has begun.
  std::string write_lock;
  /// The statement that gives the id the last INSERT gave its row.
  std::string last_id = "SELECT lastval()";
};
std::unique_ptr<Connection> postgres_connection(const std::string& uri, std::chrono::milliseconds wait,
                                                const PostgresSession& session);

/// `sql` with each ? placeholder outside quotes numbered as PostgreSQL's $1, $2, …
std::string numbered_placeholders(std::string_view sql);

/// The URI without its password, for messages.
std::string redacted_uri(std::string_view uri);

}  // namespace imcomply::sql
