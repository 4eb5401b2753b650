#include "store/postgres.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "imcomply/error.hpp"

namespace imcomply::sql {
namespace {

// The type OIDs of pg_type that the storage classes map to (stable since PostgreSQL 7).
constexpr Oid bool_oid = 16, bytea_oid = 17, int8_oid = 20, int2_oid = 21, int4_oid = 23, oid_oid = 26,
              float4_oid = 700, float8_oid = 701, numeric_oid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

/// The core's error for a failed result, by SQLSTATE: a lock or serialization wait is Busy, a
/// broken constraint is rejected input, the rest (connection, syntax, I/O) a storage error.
[[noreturn]] void fail(PGconn* conn, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (const auto newline = message.find('\n'); newline != std::string::npos) message.resize(newline);
  if (sqlstate == "55P03" || sqlstate == "40001" || sqlstate == "40P01")
    throw Busy("the database stayed locked by another writer past --wait; nothing was written",
               "safe to retry, or raise --wait SECONDS");
  // Our own refusals (lib/schema/postgres/: RAISE … USING ERRCODE = 'IM001') say what is wrong.
  if (sqlstate == "IM001") {
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const char* hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT);
    throw RejectedInput(fmt::format("{}; nothing was written", primary ? primary : "refused by the central store"),
                        hint ? hint : "");
  }
  // The server stores text only as UTF-8; a file keeps any bytes given.
  if (sqlstate == "22021")
    throw RejectedInput("the central store keeps text only as valid UTF-8, and a value given is not; nothing was written");
  if (sqlstate == "42501")
    throw NotPermitted("the central store refused this database role the privilege it needs; nothing was written",
                       "acct init and acct migrate --to run as the central store's owner (a DBA)");
  if (sqlstate.rfind("23", 0) == 0)
    throw RejectedInput("the change breaks a constraint of the records; nothing was written");
  if (sqlstate == "53100") throw StorageError("the server's disk is full; nothing was written");
  if (sqlstate.rfind("08", 0) == 0 || PQstatus(conn) == CONNECTION_BAD)
    throw StorageError(fmt::format("the connection to the database server failed: {}", message));
  throw StorageError(fmt::format("database error: {}", message));
}

Result checked(PGconn* conn, PGresult* raw) {
  Result result(raw);
  const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn, raw);
  return result;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class PostgresConnection;

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresConnection& connection, std::string_view sql, std::string name);

  void bind_null(int index) override { param(index) = {std::nullopt, 0, 0}; }
  void bind_integer(int index, std::int64_t value) override { param(index) = {std::to_string(value), int8_oid, 0}; }
  void bind_real(int index, double value) override { param(index) = {fmt::format("{:.17g}", value), float8_oid, 0}; }
  // Text goes untyped: the server gives it the type its place in the statement asks for (a date,
  // a bigint compared with it), as SQLite's affinity does.
  void bind_text(int index, std::string_view value, bool) override { param(index) = {std::string(value), 0, 0}; }
  void bind_blob(int index, std::string_view value) override { param(index) = {std::string(value), bytea_oid, 1}; }
  bool step() override;
  void reset() override {
    result_.reset();
    row_ = -1;
  }
  void clear() override { params_.clear(); }
  int column_count() override;
  std::string column_name(int column) override { return PQfname(columns(), column); }
  StorageClass type(int column) override;
  std::int64_t integer(int column) override;
  double real(int column) override;
  std::string_view bytes(int column) override;

 private:
  struct Param {
    std::optional<std::string> value;
    Oid type = 0;
    int format = 0;  ///< 0 text, 1 binary
  };
  Param& param(int index) {
    if (index < 1) throw StorageError(fmt::format("internal error: parameter {} of a statement", index));
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(static_cast<std::size_t>(index));
    return params_[static_cast<std::size_t>(index - 1)];
  }
  const char* cell(int column) { return PQgetvalue(result_.get(), row_, column); }
  void prepare(const std::vector<Oid>& types);
  const PGresult* columns();

  PostgresConnection& connection_;
  std::string sql_;
  std::string name_;
  bool prepared_ = false;
  Result description_;  ///< the columns of the statement before it has run
  std::vector<Param> params_;
  Result result_;
  int row_ = -1;
  std::vector<std::string> decoded_;  ///< bytea columns of the current row, unescaped
};

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(const std::string& uri, std::chrono::milliseconds wait, PostgresSession session)
      : conn_(PQconnectdb(uri.c_str())), session_(std::move(session)) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      if (const auto newline = message.find('\n'); newline != std::string::npos) message.resize(newline);
      PQfinish(conn_);
      conn_ = nullptr;
      throw StorageError(fmt::format("cannot connect to {}: {}", redacted_uri(uri), message),
                         "check --db (or db in the config) and that the server runs");
    }
    execute(fmt::format("SET client_encoding = 'UTF8'; SET lock_timeout = {}; SET client_min_messages = warning",
                        wait.count() > 0 ? wait.count() : 1));
    if (!session_.setup.empty()) execute(session_.setup);
  }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }
  std::unique_ptr<Statement> prepare(std::string_view sql) override {
    return std::make_unique<PostgresStatement>(*this, sql, fmt::format("imcomply_{}", ++statements_));
  }
  void execute(std::string_view sql) override {
    const Result result = checked(conn_, PQexec(conn_, std::string(sql).c_str()));
    record_changes(result.get());
  }
  std::int64_t last_insert_id() override {
    const Result result = checked(conn_, PQexec(conn_, session_.last_id.c_str()));
    return std::strtoll(PQgetvalue(result.get(), 0, 0), nullptr, 10);
  }
  std::int64_t changes() override { return changes_; }
  // One writer per office at a time, as on a file: every rule a command checks is read under the
  // lock it writes under (issue 11), and another office's key never waits on this one.
  void begin_write() override {
    execute("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
      execute(session_.write_lock);
    } catch (...) {
      PQclear(PQexec(conn_, "ROLLBACK"));
      throw;
    }
  }
  void begin_read() override { execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void commit() override { execute("COMMIT"); }
  void rollback() override { execute("ROLLBACK"); }

  PGconn* handle() { return conn_; }
  void record_changes(const PGresult* result) {
    const char* tuples = PQcmdTuples(const_cast<PGresult*>(result));
    if (tuples && *tuples) changes_ = std::strtoll(tuples, nullptr, 10);
  }

 private:
  PGconn* conn_;
  PostgresSession session_;
  std::int64_t changes_ = 0;
  std::int64_t statements_ = 0;
};

PostgresStatement::PostgresStatement(PostgresConnection& connection, std::string_view sql, std::string name)
    : connection_(connection), sql_(numbered_placeholders(sql)), name_(std::move(name)) {}

bool PostgresStatement::step() {
  if (!result_) {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    std::vector<Oid> types;
    for (const auto& p : params_) {
      values.push_back(p.value ? p.value->data() : nullptr);
      lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
      formats.push_back(p.format);
      types.push_back(p.type);
    }
    PGconn* conn = connection_.handle();
    const int n = static_cast<int>(params_.size());
    // Prepared on first use, when the types of its values are known; run again by name.
    if (!prepared_) prepare(types);
    result_ = checked(conn, PQexecPrepared(conn, name_.c_str(), n, values.data(), lengths.data(), formats.data(), 0));
    connection_.record_changes(result_.get());
    row_ = -1;
  }
  if (PQresultStatus(result_.get()) != PGRES_TUPLES_OK) return false;
  if (row_ + 1 >= PQntuples(result_.get())) return false;
  ++row_;
  decoded_.assign(static_cast<std::size_t>(PQnfields(result_.get())), std::string());
  return true;
}

void PostgresStatement::prepare(const std::vector<Oid>& types) {
  PGconn* conn = connection_.handle();
  checked(conn, PQprepare(conn, name_.c_str(), sql_.c_str(), static_cast<int>(types.size()), types.data()));
  prepared_ = true;
}

const PGresult* PostgresStatement::columns() {
  if (result_) return result_.get();
  // Before it has run (the journal's row readers look up a column first), as SQLite knows them
  // once prepared: the server describes the statement, its values typed by their places.
  if (!description_) {
    if (!prepared_) {
      std::vector<Oid> types;
      for (const auto& p : params_) types.push_back(p.type);
      prepare(types);
    }
    description_ = checked(connection_.handle(), PQdescribePrepared(connection_.handle(), name_.c_str()));
  }
  return description_.get();
}

int PostgresStatement::column_count() { return PQnfields(columns()); }

StorageClass PostgresStatement::type(int column) {
  if (PQgetisnull(result_.get(), row_, column)) return StorageClass::null;
  switch (PQftype(result_.get(), column)) {
    case bool_oid:
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid: return StorageClass::integer;
    case float4_oid:
    case float8_oid:
    case numeric_oid: return StorageClass::real;
    case bytea_oid: return StorageClass::blob;
    default: return StorageClass::text;
  }
}

std::int64_t PostgresStatement::integer(int column) {
  const char* text = cell(column);
  if (PQftype(result_.get(), column) == bool_oid) return text[0] == 't' ? 1 : 0;
  return std::strtoll(text, nullptr, 10);
}

double PostgresStatement::real(int column) { return std::strtod(cell(column), nullptr); }

std::string_view PostgresStatement::bytes(int column) {
  const char* text = cell(column);
  const auto size = static_cast<std::size_t>(PQgetlength(result_.get(), row_, column));
  if (PQftype(result_.get(), column) != bytea_oid) return {text, size};
  // bytea in text results is "\x" and two hex digits a byte (bytea_output = hex, the default).
  auto& out = decoded_.at(static_cast<std::size_t>(column));
  if (out.empty() && size > 2) {
    out.reserve((size - 2) / 2);
    for (std::size_t i = 2; i + 1 < size; i += 2)
      out.push_back(static_cast<char>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1])));
  }
  return out;
}

}  // namespace

std::unique_ptr<Connection> postgres_connection(const std::string& uri, std::chrono::milliseconds wait,
                                                std::int64_t write_lock) {
  return postgres_connection(uri, wait, PostgresSession{{}, fmt::format("SELECT pg_advisory_xact_lock({})", write_lock)});
}

std::unique_ptr<Connection> postgres_connection(const std::string& uri, std::chrono::milliseconds wait,
                                                const PostgresSession& session) {
  return std::make_unique<PostgresConnection>(uri, wait, session);
}

std::string numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;  // inside '…' or "…"
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and opens again: the same to us
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out.push_back('$');  // ?N, which SQLite also takes, names its value: $N
    } else if (c == '?') {
      out += fmt::format("${}", ++next);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string redacted_uri(std::string_view uri) {
  std::string text(uri);
  // postgresql://user:secret@host/… → postgresql://user:***@host/…
  if (const auto scheme = text.find("://"); scheme != std::string::npos) {
    const auto at = text.find('@', scheme + 3);
    const auto colon = text.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      text.replace(colon + 1, at - colon - 1, "***");
  }
  // key=value form: password=secret → password=***
  if (const auto key = text.find("password="); key != std::string::npos) {
    const auto end = text.find(' ', key);
    text.replace(key + 9, (end == std::string::npos ? text.size() : end) - key - 9, "***");
  }
  return text;
}

}  // namespace imcomply::sql
