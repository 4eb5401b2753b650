#pragma once
// lib/ only: the one SQL interface every storage file speaks (issue 12 part 6). A backend implements
// Connection — SQLite today (lib/store/sqlite.cpp), PostgreSQL next — and the storage files write
// portable SQL with `?` placeholders, reading each value by the storage class it was stored as, so
// the journal digests a row the same way whichever store holds it. Backends throw the core's typed
// errors (Busy, StorageError, RejectedInput), never their own.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "imcomply/dates.hpp"
#include "imcomply/journal.hpp"

namespace imcomply::sql {

/// A prepared statement of a backend: what Query forwards to.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_null(int index) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  /// The bytes are copied unless `borrowed`: then they must outlive the next step().
  virtual void bind_text(int index, std::string_view value, bool borrowed) = 0;
  virtual void bind_blob(int index, std::string_view value) = 0;
  /// Runs the statement, or moves to its next row: false once no row is left.
  virtual bool step() = 0;
  /// Ready to run again; the values bound stay bound until clear().
  virtual void reset() = 0;
  virtual void clear() = 0;
  virtual int column_count() = 0;
  virtual std::string column_name(int column) = 0;
  virtual StorageClass type(int column) = 0;
  virtual std::int64_t integer(int column) = 0;
  virtual double real(int column) = 0;
  /// A text or blob column's bytes, valid until the next step() or reset().
  virtual std::string_view bytes(int column) = 0;
};

/// Which SQL a connection speaks, where a storage file must name something its own way (the
/// catalog, a row's key): the rest of the SQL is the same on both.
enum class Dialect { sqlite, postgres };

/// A connection of a backend, one thread's.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  /// Runs statements that take no parameters and return no rows (`;`-separated).
  virtual void execute(std::string_view sql) = 0;
  /// The id the last INSERT gave its row.
  virtual std::int64_t last_insert_id() = 0;
  /// Rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t changes() = 0;
  /// A write transaction that takes the write lock now, waiting up to --wait (Busy past it).
  virtual void begin_write() = 0;
  /// A read transaction: every statement until commit() or rollback() sees one snapshot.
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

/// One statement as the storage files use it: bind by position (from 1), step, read by column
/// (from 0). A NULL reads as "" or 0; the optional_ forms tell it apart.
class Query {
 public:
  Query(Connection& connection, std::string_view sql) : connection_(&connection), statement_(connection.prepare(sql)) {}

  Query& bind(int index, std::int64_t value) { return statement_->bind_integer(index, value), *this; }
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, double value) { return statement_->bind_real(index, value), *this; }
  Query& bind(int index, std::string_view value) { return statement_->bind_text(index, value, false), *this; }
  Query& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, Date value) { return bind(index, format_date(value)); }
  Query& bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Query& bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Query& bind(int index, const std::optional<Date>& value) { return value ? bind(index, *value) : bind_null(index); }
  Query& bind(int index, const Value& value);
  Query& bind_null(int index) { return statement_->bind_null(index), *this; }
  Query& bind_blob(int index, std::string_view bytes) { return statement_->bind_blob(index, bytes), *this; }
  /// Binds without copying: `value` must outlive the next step().
  Query& bind_borrowed(int index, std::string_view value) { return statement_->bind_text(index, value, true), *this; }

  /// The next row (or the statement run): false once none is left.
  bool step() { return statement_->step(); }
  /// Runs a statement that returns no row; gives the rows it inserted, updated or deleted.
  std::int64_t run() {
    statement_->step();
    return connection_->changes();
  }
  void reset() { statement_->reset(); }
  /// reset(), and every value unbound.
  void clear() {
    statement_->reset();
    statement_->clear();
  }

  int column_count() { return statement_->column_count(); }
  std::string column_name(int column) { return statement_->column_name(column); }
  /// The column of that name, or -1.
  int column_index(std::string_view name);
  StorageClass type(int column) { return statement_->type(column); }
  bool is_null(int column) { return type(column) == StorageClass::null; }
  std::int64_t integer(int column);
  double real(int column) { return statement_->real(column); }
  std::string text(int column);
  std::string_view bytes(int column) { return statement_->bytes(column); }
  Date date(int column) { return parse_date(text(column)); }
  Instant time(int column) { return parse_time(text(column)); }
  std::optional<std::string> optional_text(int column);
  std::optional<std::int64_t> optional_integer(int column);
  std::optional<Date> optional_date(int column);
  std::optional<Instant> optional_time(int column);
  /// The value as stored, with its storage class: what the journal digests.
  Value value(int column);

 private:
  Connection* connection_;
  std::unique_ptr<Statement> statement_;
};

/// The column that names a row in the journal: SQLite's rowid (every table's id), the server's id.
inline std::string_view row_key(Connection& connection) {
  return connection.dialect() == Dialect::postgres ? "id" : "rowid";
}

/// Runs one statement that returns one value (e.g. a count) and gives it.
std::int64_t single_integer(Connection& connection, std::string_view sql);

}  // namespace imcomply::sql
