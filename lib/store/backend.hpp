#pragma once
// lib/ only: what a store is over, beyond the SQL interface (docs/storage.md): the operations each
// backend does its own way. An office's or county's SQLite file today (lib/store/sqlite_file.cpp);
// the central store's server next (docs/central-store.md).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/store.hpp"
#include "store/integrity_store.hpp"
#include "store/sql.hpp"

namespace imcomply::store {

class Backend {
 public:
  virtual ~Backend() = default;
  /// The connection every storage file speaks through; it lives as long as the backend.
  virtual sql::Connection& connection() = 0;
  /// The schema version the database holds (after the migrations applied on open).
  virtual std::int64_t schema_version() = 0;
  /// A consistent, private copy of the database as a new file (acct backup).
  virtual void backup_to(const std::filesystem::path& target) = 0;
  /// Store::forget_deleted_pages, begin_batched_run, between_batches (include/imcomply/store.hpp).
  virtual bool forget_deleted_pages() = 0;
  virtual void begin_batched_run() = 0;
  virtual void between_batches() = 0;
  /// verify: how the schema differs from what the migrations make.
  virtual std::vector<integrity_store::SchemaDifference> schema_differences() = 0;
  /// verify: the store's own check of its structure, as lines naming each problem. It may run on
  /// another thread while the connection is in use: it opens a connection of its own.
  virtual std::vector<std::string> structure_problems() = 0;
  /// The central store's session (Store::server_session); a file has none.
  virtual std::optional<ServerSession> session() { return std::nullopt; }
};

/// A new SQLite database file, mode 0600, migrated; an existing file is refused (exit 3).
std::unique_ptr<Backend> create_file(const std::filesystem::path& path, std::chrono::milliseconds wait,
                                     StoreKind kind);
/// An existing SQLite database file, checked and migrated (Store::open).
std::unique_ptr<Backend> open_file(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind);

/// Whether --db names the central store (postgresql:// or postgres://) rather than a file.
bool is_server_uri(const std::filesystem::path& path);
/// The central store (lib/store/postgres_server.cpp): its schema made or migrated, for acct init.
std::unique_ptr<Backend> create_server(const std::string& uri, std::chrono::milliseconds wait, StoreKind kind);
/// The same for every other command: the session must act for an office (exit 6 if none).
std::unique_ptr<Backend> open_server(const std::string& uri, std::chrono::milliseconds wait, StoreKind kind);

}  // namespace imcomply::store
