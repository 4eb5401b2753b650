#include "store/sqlite.hpp"

#include <sqlite3.h>

namespace imcomply::sql {
namespace {

/// A statement over SQLite's C API (SQLiteCpp keeps its handle private): binds and reads without
/// copies, and fails as SQLite::Exception, which current_storage_error maps.
class SqliteStatement final : public Statement {
 public:
  SqliteStatement(SQLite::Database& db, std::string_view sql) : db_(db.getHandle()) {
    const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(statement_);
      throw SQLite::Exception(db_, rc);
    }
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() override { sqlite3_finalize(statement_); }

  void bind_null(int index) override { check(sqlite3_bind_null(statement_, index)); }
  void bind_integer(int index, std::int64_t value) override { check(sqlite3_bind_int64(statement_, index, value)); }
  void bind_real(int index, double value) override { check(sqlite3_bind_double(statement_, index, value)); }
  void bind_text(int index, std::string_view value, bool borrowed) override {
    check(sqlite3_bind_text64(statement_, index, value.data(), value.size(), borrowed ? SQLITE_STATIC : SQLITE_TRANSIENT,
                              SQLITE_UTF8));
  }
  void bind_blob(int index, std::string_view value) override {
    check(sqlite3_bind_blob64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT));
  }
  bool step() override {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SQLite::Exception(db_, rc);
  }
  void reset() override { sqlite3_reset(statement_); }  // its code repeats the failed step's, already thrown
  void clear() override { sqlite3_clear_bindings(statement_); }
  int column_count() override { return sqlite3_column_count(statement_); }
  std::string column_name(int column) override {
    const char* name = sqlite3_column_name(statement_, column);
    return name ? name : "";
  }
  StorageClass type(int column) override {
    switch (sqlite3_column_type(statement_, column)) {
      case SQLITE_INTEGER: return StorageClass::integer;
      case SQLITE_FLOAT: return StorageClass::real;
      case SQLITE_TEXT: return StorageClass::text;
      case SQLITE_BLOB: return StorageClass::blob;
      default: return StorageClass::null;
    }
  }
  std::int64_t integer(int column) override { return sqlite3_column_int64(statement_, column); }
  double real(int column) override { return sqlite3_column_double(statement_, column); }
  std::string_view bytes(int column) override {
    // The pointer first, then the size: the order SQLite's documentation asks for.
    const auto* data = sqlite3_column_blob(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    return data ? std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string_view();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(SQLite::Database& db) : db_(db) {}
  Dialect dialect() const override { return Dialect::sqlite; }

  std::unique_ptr<Statement> prepare(std::string_view sql) override { return std::make_unique<SqliteStatement>(db_, sql); }
  void execute(std::string_view sql) override { db_.exec(std::string(sql)); }
  std::int64_t last_insert_id() override { return db_.getLastInsertRowid(); }
  std::int64_t changes() override { return db_.getChanges(); }
  // IMMEDIATE: the write lock now, waiting up to the busy timeout; a deferred transaction would
  // fail at once with BUSY_SNAPSHOT when another writer got in first.
  void begin_write() override { db_.exec("BEGIN IMMEDIATE"); }
  void begin_read() override {
    db_.exec("BEGIN DEFERRED");
    db_.exec("SELECT 1 FROM sqlite_schema LIMIT 1");  // the snapshot starts at the first read
  }
  void commit() override { db_.exec("COMMIT"); }
  void rollback() override { db_.exec("ROLLBACK"); }

 private:
  SQLite::Database& db_;
};

}  // namespace

std::unique_ptr<Connection> sqlite_connection(SQLite::Database& db) { return std::make_unique<SqliteConnection>(db); }

}  // namespace imcomply::sql
