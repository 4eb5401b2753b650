// The contract of the SQL interface (lib/store/sql.hpp): what every storage file may rely on,
// whichever backend answers. Each backend's harness runs every case; PostgreSQL's joins SQLite's
// when it is built (issue 15).
#include <doctest/doctest.h>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "imcomply/error.hpp"
#include "imcomply/store.hpp"
#include "store/sql.hpp"
#include "store/sqlite.hpp"

using namespace imcomply;
using sql::Query;

namespace {

/// A throwaway SQLite database in a temporary directory, with as many connections as a case asks.
class SqliteHarness {
 public:
  static constexpr const char* name = "sqlite";
  SqliteHarness() {
    std::string pattern = (std::filesystem::temp_directory_path() / "imcomply-contract-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    first_ = open();
  }
  ~SqliteHarness() {
    connections_.clear();
    databases_.clear();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  sql::Connection& db() { return *first_; }
  /// Another connection to the same database, as another process would hold.
  sql::Connection& another() { return *open(); }

 private:
  sql::Connection* open() {
    auto& db = databases_.emplace_back(std::make_unique<SQLite::Database>(
        (dir_ / "contract.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 100));
    db->exec("PRAGMA journal_mode = WAL");
    return connections_.emplace_back(sql::sqlite_connection(*db)).get();
  }
  std::filesystem::path dir_;
  std::vector<std::unique_ptr<SQLite::Database>> databases_;
  std::vector<std::unique_ptr<sql::Connection>> connections_;
  sql::Connection* first_ = nullptr;
};

void make_table(sql::Connection& db) { db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v)"); }

ExitStatus status_of_current() { return current_storage_error().status(); }

}  // namespace

TEST_CASE_TEMPLATE("a value reads back with the storage class it was stored as", H, SqliteHarness) {
  H h;
  make_table(h.db());
  Query insert(h.db(), "INSERT INTO t (v) VALUES (?)");
  const ValueList values = {Value::null(), Value::of(-42), Value::of_real(2.5), Value::text(""), Value::text("ab"),
                            Value::blob(std::string("a\0b", 3)), Value::text("中文")};
  for (const auto& v : values) {
    insert.bind(1, v).run();
    insert.reset();
  }
  Query read(h.db(), "SELECT v FROM t ORDER BY id");
  for (const auto& v : values) {
    REQUIRE(read.step());
    const Value got = read.value(0);
    CHECK(got.type == v.type);
    CHECK(got.integer == v.integer);
    CHECK(got.real == v.real);
    CHECK(got.bytes == v.bytes);
  }
  CHECK_FALSE(read.step());
}

TEST_CASE_TEMPLATE("NULL and the empty text are told apart, and NULL reads as empty or zero", H, SqliteHarness) {
  H h;
  make_table(h.db());
  h.db().execute("INSERT INTO t (v) VALUES (NULL); INSERT INTO t (v) VALUES ('')");
  Query read(h.db(), "SELECT v FROM t ORDER BY id");
  REQUIRE(read.step());
  CHECK(read.is_null(0));
  CHECK(read.optional_text(0) == std::nullopt);
  CHECK(read.text(0).empty());
  CHECK(read.integer(0) == 0);
  REQUIRE(read.step());
  CHECK_FALSE(read.is_null(0));
  CHECK(read.optional_text(0) == std::optional<std::string>(""));
}

TEST_CASE_TEMPLATE("placeholders bind by position, and a reset statement runs again with new values", H, SqliteHarness) {
  H h;
  make_table(h.db());
  Query insert(h.db(), "INSERT INTO t (id, v) VALUES (?, ?)");
  insert.bind(1, 7).bind(2, "seven").run();
  CHECK(h.db().last_insert_id() == 7);
  CHECK(h.db().changes() == 1);
  insert.reset();
  insert.bind(1, std::int64_t{8}).bind(2, std::optional<std::string>{}).run();
  Query read(h.db(), "SELECT id, v FROM t WHERE id >= ? ORDER BY id");
  read.bind(1, 7);
  REQUIRE(read.step());
  CHECK(read.integer(0) == 7);
  CHECK(read.text(1) == "seven");
  REQUIRE(read.step());
  CHECK(read.optional_text(1) == std::nullopt);
  CHECK_FALSE(read.step());
}

TEST_CASE_TEMPLATE("a borrowed text is stored as it was when the statement ran", H, SqliteHarness) {
  H h;
  make_table(h.db());
  std::string text = "borrowed";
  Query insert(h.db(), "INSERT INTO t (v) VALUES (?)");
  insert.bind_borrowed(1, text).run();
  text = "changed!";  // after the run: the row keeps what was bound
  Query read(h.db(), "SELECT v FROM t");
  REQUIRE(read.step());
  CHECK(read.text(0) == "borrowed");
}

TEST_CASE_TEMPLATE("dates and times read as the core's types, NULL as nothing", H, SqliteHarness) {
  H h;
  make_table(h.db());
  Query insert(h.db(), "INSERT INTO t (v) VALUES (?)");
  insert.bind(1, parse_date("2026-11-20")).run();
  insert.reset();
  insert.bind(1, "2026-11-20T09:30:00+08:00").run();
  insert.reset();
  insert.bind(1, std::optional<Date>{}).run();
  Query read(h.db(), "SELECT v FROM t ORDER BY id");
  REQUIRE(read.step());
  CHECK(read.date(0) == parse_date("2026-11-20"));
  REQUIRE(read.step());
  CHECK(read.time(0) == parse_time("2026-11-20T09:30:00+08:00"));
  REQUIRE(read.step());
  CHECK(read.optional_date(0) == std::nullopt);
  CHECK(read.optional_time(0) == std::nullopt);
}

TEST_CASE_TEMPLATE("a rolled-back write leaves nothing, a committed one is seen by every connection", H, SqliteHarness) {
  H h;
  make_table(h.db());
  auto& other = h.another();
  h.db().begin_write();
  h.db().execute("INSERT INTO t (v) VALUES ('lost')");
  h.db().rollback();
  CHECK(sql::single_integer(other, "SELECT count(*) FROM t") == 0);
  h.db().begin_write();
  h.db().execute("INSERT INTO t (v) VALUES ('kept')");
  h.db().commit();
  CHECK(sql::single_integer(other, "SELECT count(*) FROM t") == 1);
}

TEST_CASE_TEMPLATE("a read transaction sees one snapshot while another connection writes", H, SqliteHarness) {
  H h;
  make_table(h.db());
  h.db().execute("INSERT INTO t (v) VALUES (1)");
  auto& writer = h.another();
  h.db().begin_read();
  CHECK(sql::single_integer(h.db(), "SELECT count(*) FROM t") == 1);
  writer.execute("INSERT INTO t (v) VALUES (2)");
  CHECK(sql::single_integer(h.db(), "SELECT count(*) FROM t") == 1);
  h.db().commit();
  CHECK(sql::single_integer(h.db(), "SELECT count(*) FROM t") == 2);
}

TEST_CASE_TEMPLATE("a second writer waits, then is busy (exit 5), and the first writer's work stands", H, SqliteHarness) {
  H h;
  make_table(h.db());
  auto& second = h.another();
  h.db().begin_write();
  h.db().execute("INSERT INTO t (v) VALUES ('first')");
  ExitStatus status = ExitStatus::ok;
  try {
    second.begin_write();
  } catch (...) {
    status = status_of_current();
  }
  CHECK(status == ExitStatus::busy);
  h.db().commit();
  CHECK(sql::single_integer(second, "SELECT count(*) FROM t") == 1);
}

TEST_CASE_TEMPLATE("a broken constraint is rejected input (exit 3), and the statement changed nothing", H, SqliteHarness) {
  H h;
  h.db().execute("CREATE TABLE u (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE)");
  Query insert(h.db(), "INSERT INTO u (login) VALUES (?)");
  insert.bind(1, "wang").run();
  insert.reset();
  ExitStatus status = ExitStatus::ok;
  try {
    insert.bind(1, "wang").run();
  } catch (...) {
    status = status_of_current();
  }
  CHECK(status == ExitStatus::rejected);
  CHECK(sql::single_integer(h.db(), "SELECT count(*) FROM u") == 1);
}

TEST_CASE_TEMPLATE("a statement that is not valid SQL fails when prepared, as a storage error", H, SqliteHarness) {
  H h;
  ExitStatus status = ExitStatus::ok;
  try {
    Query q(h.db(), "SELEKT 1");
  } catch (...) {
    status = status_of_current();
  }
  CHECK(status == ExitStatus::storage);
}
