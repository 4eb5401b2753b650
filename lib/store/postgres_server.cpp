#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "schema/migrations.hpp"
#include "store/backend.hpp"
#include "store/postgres.hpp"
#include "store/store_impl.hpp"

namespace imcomply::store {
namespace {

/// An SQL string literal of `text` (standard_conforming_strings: only the quote is doubled).
std::string literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

/// The connection a session of the central store opens: the programs' tables are the views of
/// schema `office` (lib/schema/postgres/0001_central.sql), the acting office's rows alone; a
/// tenant's creator or a county role names the office in the URI (`office=CODE`).
sql::PostgresSession central_session(const std::optional<std::string>& office) {
  sql::PostgresSession session;
  session.setup = "SET search_path = office, pg_catalog";
  if (office) session.setup += fmt::format("; SELECT set_config('imcomply.office', {}, false)", literal(*office));
  // One writer per office at a time, as on a file (every rule is read under the lock it writes
  // under); another office's key never waits on this one. acct init, before its tenant exists,
  // takes the key of no office: two inits queue.
  session.write_lock =
      "SELECT pg_advisory_xact_lock(hashtextextended('imcomply office ' || coalesce(imcomply.acting_office(), ''), 0))";
  session.last_id = "SELECT current_setting('imcomply.last_id')::bigint";
  return session;
}

/// The central store's database on a PostgreSQL server (spec §10): one tenant of it.
class PostgresServer final : public Backend {
 public:
  explicit PostgresServer(std::unique_ptr<sql::Connection> connection) : connection_(std::move(connection)) {}

  sql::Connection& connection() override { return *connection_; }
  std::int64_t schema_version() override { return sql::single_integer(*connection_, "SELECT version FROM imcomply.meta"); }
  void backup_to(const std::filesystem::path&) override {
    throw StorageError("acct backup copies an office's file; the central store is backed up by its server",
                       "a DBA backs it up with pg_dump or pg_basebackup (imcomply(7), \"The central store\")");
  }
  // Nothing of ours to truncate: the server's free space and WAL are its own, and purge says in
  // its record that they keep what it deleted (lib/purge.cpp), so it does not call this here.
  bool forget_deleted_pages() override { return true; }
  void begin_batched_run() override {}
  void between_batches() override {}
  std::vector<integrity_store::SchemaDifference> schema_differences() override {
    return integrity_store::server_schema_differences(*connection_);
  }
  // The server checks its own pages (data checksums, amcheck for a DBA): verify's part is the
  // journal and the schema, which it reads through the same connection.
  std::vector<std::string> structure_problems() override { return {}; }
  std::optional<ServerSession> session() override { return integrity_store::server_session(*connection_); }

 private:
  std::unique_ptr<sql::Connection> connection_;
};

/// Brings the central schema to this program's version, as the database's owner may; a newer
/// one is refused, as on a file. `create`: acct init, which may find an empty database.
void migrate(sql::Connection& db, const std::string& shown, bool create) {
  const auto& steps = schema::central_migrations();
  const auto latest = static_cast<std::int64_t>(steps.size());
  auto version = integrity_store::server_schema_version(db);
  if (version == 0 && !create)
    throw StorageError(fmt::format("{} holds no imcomply central store", shown),
                       "its DBA creates the first office with: acct init --db URI --office CODE --office-name NAME "
                       "--admin LOGIN --admin-name NAME");
  if (version > latest)
    throw StorageError(fmt::format("{} has central schema version {}, newer than this program's {}", shown, version, latest),
                       "use the newer imcomply that wrote it");
  if (version == latest) return;
  try {
    db.execute("BEGIN");
    db.execute("SELECT pg_advisory_xact_lock(hashtextextended('imcomply migrate', 0))");
    version = integrity_store::server_schema_version(db);  // another session may have migrated meanwhile
    for (auto step = version; step < latest; ++step) db.execute(steps[static_cast<std::size_t>(step)]);
    sql::Query done(db, "UPDATE imcomply.meta SET version = ?, catalog = ?");
    done.bind(1, latest).bind(2, integrity_store::server_catalog_digest(db));
    done.run();
    db.execute("COMMIT");
  } catch (...) {  // a refused privilege (exit 4) as much as a storage error: the transaction goes
    try {
      db.execute("ROLLBACK");
    } catch (...) {  // the connection is gone: nothing was committed
    }
    try {
      throw;
    } catch (const StorageError& e) {
      throw StorageError(fmt::format("cannot bring {} to central schema version {}: {}", shown, latest, e.what()),
                         "the database's owner runs the first command of a new version (acct init creates the schema)");
    }
  }
}

/// `uri` without our own parameter `office=CODE`, which libpq would refuse, and its value.
std::pair<std::string, std::optional<std::string>> split_office(const std::string& uri) {
  const auto query = uri.find('?');
  if (query == std::string::npos) return {uri, std::nullopt};
  std::string kept = uri.substr(0, query);
  std::optional<std::string> office;
  char separator = '?';
  std::string_view rest(uri);
  rest.remove_prefix(query + 1);
  while (!rest.empty()) {
    const auto end = std::min(rest.find('&'), rest.size());
    const auto parameter = rest.substr(0, end);
    if (parameter.rfind("office=", 0) == 0) {
      office = std::string(parameter.substr(7));
    } else if (!parameter.empty()) {
      kept += separator;
      kept += parameter;
      separator = '&';
    }
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  if (office && (office->empty() || std::any_of(office->begin(), office->end(), [](char c) {
                   return static_cast<unsigned char>(c) < 0x21 || c == '%' || c == '\'' || c == 0x7f;
                 })))
    throw UsageError(fmt::format("office={} in --db is not an office code", *office));
  return {kept, office};
}

std::unique_ptr<Backend> connect_server(const std::string& uri, std::chrono::milliseconds wait, StoreKind kind,
                                        bool create) {
  const std::string shown = sql::redacted_uri(uri);
  if (kind == StoreKind::county)
    throw StorageError(fmt::format("{} is a central store; the county programs read office files here", shown),
                       "county commands on the central store are not built yet (docs/central-store.md)");
  const auto [server_uri, office] = split_office(uri);
  auto connection = sql::postgres_connection(server_uri, wait, central_session(office));
  migrate(*connection, shown, create);
  if (!create && !integrity_store::server_acting_office(*connection)) {
    const auto session = integrity_store::server_session(*connection);
    throw StorageError(fmt::format("database role {} works for no office of {}", session ? session->role : "?", shown),
                       office ? "the role neither created that office nor reads for the county"
                              : "an office's administrator maps it (acct add LOGIN --name NAME --os-user ROLE); a "
                                "DBA or county role names the office: --db 'URI?office=CODE' (with & if URI has a ?)");
  }
  return std::make_unique<PostgresServer>(std::move(connection));
}

}  // namespace

bool is_server_uri(const std::filesystem::path& path) {
  const std::string& text = path.native();
  return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Backend> create_server(const std::string& uri, std::chrono::milliseconds wait, StoreKind kind) {
  return connect_server(uri, wait, kind, true);
}

std::unique_ptr<Backend> open_server(const std::string& uri, std::chrono::milliseconds wait, StoreKind kind) {
  return connect_server(uri, wait, kind, false);
}

}  // namespace imcomply::store
