#include "store/sql.hpp"

#include <fmt/format.h>

namespace imcomply::sql {

Query& Query::bind(int index, const Value& value) {
  switch (value.type) {
    case StorageClass::null: return bind_null(index);
    case StorageClass::integer: return bind(index, value.integer);
    case StorageClass::real: return bind(index, value.real);
    case StorageClass::text: return bind(index, std::string_view(value.bytes));
    case StorageClass::blob: return bind_blob(index, value.bytes);
  }
  return *this;
}

int Query::column_index(std::string_view name) {
  for (int i = 0; i < column_count(); ++i)
    if (column_name(i) == name) return i;
  return -1;
}

std::int64_t Query::integer(int column) { return is_null(column) ? 0 : statement_->integer(column); }

std::string Query::text(int column) {
  switch (type(column)) {
    case StorageClass::null: return {};
    case StorageClass::integer: return std::to_string(statement_->integer(column));
    case StorageClass::real: return fmt::format("{}", statement_->real(column));  // 2.5, not 2.500000
    default: return std::string(statement_->bytes(column));
  }
}

std::optional<std::string> Query::optional_text(int column) {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Query::optional_integer(int column) {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<Date> Query::optional_date(int column) {
  if (is_null(column)) return std::nullopt;
  return date(column);
}

std::optional<Instant> Query::optional_time(int column) {
  if (is_null(column)) return std::nullopt;
  return time(column);
}

Value Query::value(int column) {
  switch (type(column)) {
    case StorageClass::null: return Value::null();
    case StorageClass::integer: return Value::of(statement_->integer(column));
    case StorageClass::real: return Value::of_real(statement_->real(column));
    case StorageClass::text: return Value::text(std::string(statement_->bytes(column)));
    case StorageClass::blob: return Value::blob(std::string(statement_->bytes(column)));
  }
  return Value::null();
}

std::int64_t single_integer(Connection& connection, std::string_view sql) {
  Query q(connection, sql);
  if (!q.step()) return 0;
  return q.integer(0);
}

}  // namespace imcomply::sql
